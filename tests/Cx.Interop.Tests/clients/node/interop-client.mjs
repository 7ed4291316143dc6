// Interop client for the Cx platform service, built on @grpc/grpc-js.
//
//   node interop-client.mjs --target 127.0.0.1:7300 --identity TOKEN
//
// It checks health, lists services through server reflection, discovers
// cx.platform.v1.PlatformService through reflection (no local copy of its
// .proto), calls it, and prints ONE JSON object with every answer on stdout.
// Diagnostics go to stderr. Exit codes: 0 when every call got an answer from
// the server (error answers included), 2 when some call got none (deadline
// exceeded or unavailable), 1 when the client itself failed.

import { createRequire } from 'node:module';
import grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
// Adds Root.fromDescriptor, which turns FileDescriptorProtos into types.
import descriptor from 'protobufjs/ext/descriptor/index.js';

const require = createRequire(import.meta.url);
const GRPC_JS_VERSION = require('@grpc/grpc-js/package.json').version;

const CALL_TIMEOUT_MS = 10_000;
const PLATFORM_SERVICE = 'cx.platform.v1.PlatformService';
const IDENTITY_HEADER = 'x-cx-identity';
const NO_ANSWER_CODES = new Set([grpc.status.DEADLINE_EXCEEDED, grpc.status.UNAVAILABLE]);

// Messages of public protocols the client needs before it can discover anything
// else: health checking, server reflection and the rich error model. Only the
// fields used here are spelled out; the field numbers are what matter on the wire.
const reflectionMessages = {
  ServerReflectionRequest: {
    oneofs: {
      message_request: {
        oneof: ['file_by_filename', 'file_containing_symbol', 'file_containing_extension',
          'all_extension_numbers_of_type', 'list_services'],
      },
    },
    fields: {
      host: { type: 'string', id: 1 },
      file_by_filename: { type: 'string', id: 3 },
      file_containing_symbol: { type: 'string', id: 4 },
      file_containing_extension: { type: 'ExtensionRequest', id: 5 },
      all_extension_numbers_of_type: { type: 'string', id: 6 },
      list_services: { type: 'string', id: 7 },
    },
  },
  ExtensionRequest: {
    fields: {
      containing_type: { type: 'string', id: 1 },
      extension_number: { type: 'int32', id: 2 },
    },
  },
  ServerReflectionResponse: {
    oneofs: {
      message_response: {
        oneof: ['file_descriptor_response', 'all_extension_numbers_response',
          'list_services_response', 'error_response'],
      },
    },
    fields: {
      valid_host: { type: 'string', id: 1 },
      original_request: { type: 'ServerReflectionRequest', id: 2 },
      file_descriptor_response: { type: 'FileDescriptorResponse', id: 4 },
      all_extension_numbers_response: { type: 'ExtensionNumberResponse', id: 5 },
      list_services_response: { type: 'ListServiceResponse', id: 6 },
      error_response: { type: 'ErrorResponse', id: 7 },
    },
  },
  FileDescriptorResponse: {
    fields: { file_descriptor_proto: { rule: 'repeated', type: 'bytes', id: 1 } },
  },
  ExtensionNumberResponse: {
    fields: {
      base_type_name: { type: 'string', id: 1 },
      extension_number: { rule: 'repeated', type: 'int32', id: 2 },
    },
  },
  ListServiceResponse: {
    fields: { service: { rule: 'repeated', type: 'ServiceResponse', id: 1 } },
  },
  ServiceResponse: {
    fields: { name: { type: 'string', id: 1 } },
  },
  ErrorResponse: {
    fields: {
      error_code: { type: 'int32', id: 1 },
      error_message: { type: 'string', id: 2 },
    },
  },
};

const wellKnown = protobuf.Root.fromJSON({
  nested: {
    grpc: {
      nested: {
        health: {
          nested: {
            v1: {
              nested: {
                HealthCheckRequest: { fields: { service: { type: 'string', id: 1 } } },
                HealthCheckResponse: {
                  fields: { status: { type: 'ServingStatus', id: 1 } },
                  nested: {
                    ServingStatus: {
                      values: { UNKNOWN: 0, SERVING: 1, NOT_SERVING: 2, SERVICE_UNKNOWN: 3 },
                    },
                  },
                },
              },
            },
          },
        },
        // v1 and v1alpha share the same messages; only the service path differs.
        reflection: { nested: { v1: { nested: reflectionMessages } } },
      },
    },
    google: {
      nested: {
        rpc: {
          nested: {
            // details are google.protobuf.Any; a local two-field message has the same wire shape.
            Status: {
              fields: {
                code: { type: 'int32', id: 1 },
                message: { type: 'string', id: 2 },
                details: { rule: 'repeated', type: 'AnyValue', id: 3 },
              },
            },
            AnyValue: {
              fields: {
                type_url: { type: 'string', id: 1 },
                value: { type: 'bytes', id: 2 },
              },
            },
            BadRequest: {
              fields: { field_violations: { rule: 'repeated', type: 'FieldViolation', id: 1 } },
              nested: {
                FieldViolation: {
                  fields: {
                    field: { type: 'string', id: 1 },
                    description: { type: 'string', id: 2 },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
});

const HealthCheckRequest = wellKnown.lookupType('grpc.health.v1.HealthCheckRequest');
const HealthCheckResponse = wellKnown.lookupType('grpc.health.v1.HealthCheckResponse');
const ReflectionRequest = wellKnown.lookupType('grpc.reflection.v1.ServerReflectionRequest');
const ReflectionResponse = wellKnown.lookupType('grpc.reflection.v1.ServerReflectionResponse');
const RpcStatus = wellKnown.lookupType('google.rpc.Status');
const BadRequest = wellKnown.lookupType('google.rpc.BadRequest');
const FileDescriptorProto = descriptor.FileDescriptorProto;

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split(/=(.*)/s, 2);
    if (key !== '--target' && key !== '--identity') throw new Error(`unknown argument ${argv[i]}`);
    args[key.slice(2)] = inline ?? argv[++i];
  }
  if (!args.target || !args.identity) throw new Error('usage: interop-client.mjs --target HOST:PORT --identity TOKEN');
  return args;
}

const log = (...parts) => console.error('[interop-client]', ...parts);
const deadline = () => new Date(Date.now() + CALL_TIMEOUT_MS);
const serializerFor = (type) => (value) => Buffer.from(type.encode(type.fromObject(value)).finish());
const deserializerFor = (type) => (bytes) => type.decode(bytes);

function identityMetadata(token) {
  const metadata = new grpc.Metadata();
  if (token !== undefined) metadata.add(IDENTITY_HEADER, token);
  return metadata;
}

// One unary call. Resolves to { response } or { error }; never rejects, so that
// an error answer is just another result to report.
function unary(client, path, requestType, responseType, request, metadata) {
  return new Promise((resolve) => {
    client.makeUnaryRequest(path, serializerFor(requestType), deserializerFor(responseType),
      request, metadata ?? new grpc.Metadata(), { deadline: deadline() },
      (error, response) => resolve(error ? { error } : { response }));
  });
}

// proto3 JSON of a decoded protobufjs message: lowerCamelCase names, default
// values left out, int64 as strings, enums by name, bytes as base64 and
// google.protobuf.Timestamp as RFC 3339, as the proto3 JSON mapping prescribes.
function toProto3Json(type, message) {
  if (type.fullName === '.google.protobuf.Timestamp') return timestampToJson(message);
  const json = {};
  for (const field of type.fieldsArray) {
    const value = message[field.name];
    if (!isPresent(field, message, value)) continue;
    const convert = (v) => valueToJson(field, v);
    json[jsonName(field.name)] = field.map
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)]))
      : field.repeated ? value.map(convert) : convert(value);
  }
  return json;
}

// proto3 JSON leaves unset fields out; for a field without presence tracking,
// unset means holding the default value.
function isPresent(field, message, value) {
  if (value === null || value === undefined) return false;
  if (field.map || field.repeated) return Object.keys(value).length > 0;
  if (field.resolvedType instanceof protobuf.Type) return true;
  // Oneof members and proto3 optional fields: decoding sets an own property
  // only for the fields found on the wire.
  if (field.partOf) return Object.hasOwn(message, field.name);
  return !isDefaultScalar(value);
}

function valueToJson(field, value) {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) return toProto3Json(resolved, value);
  if (resolved instanceof protobuf.Enum) return resolved.valuesById[value] ?? value;
  if (protobuf.util.Long?.isLong(value) || typeof value === 'bigint') return value.toString();
  if (['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64'].includes(field.type)) return String(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : (value > 0 ? 'Infinity' : '-Infinity');
  return value;
}

function isDefaultScalar(value) {
  if (protobuf.util.Long?.isLong(value)) return value.isZero();
  if (value instanceof Uint8Array) return value.length === 0;
  return value === 0 || value === '' || value === false;
}

// Same rule protoc uses for json_name: drop each underscore, upper-case the next letter.
const jsonName = (name) => name.replace(/_+([a-zA-Z0-9])?/g, (_, c) => (c ? c.toUpperCase() : ''));

// RFC 3339 in UTC with 0, 3, 6 or 9 fraction digits, like the other proto3 JSON printers.
function timestampToJson(message) {
  const seconds = Number(message.seconds ?? 0);
  const nanos = message.nanos ?? 0;
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  let fraction = '';
  if (nanos !== 0) {
    const digits = String(nanos).padStart(9, '0');
    fraction = '.' + (nanos % 1_000_000 === 0 ? digits.slice(0, 3) : nanos % 1_000 === 0 ? digits.slice(0, 6) : digits);
  }
  return `${base}${fraction}Z`;
}

const statusName = (code) => Object.keys(grpc.status).find((k) => grpc.status[k] === code) ?? String(code);

// Error answer: numeric code, message, and the google.rpc.Status carried in the
// grpc-status-details-bin trailer (grpc-js hands -bin values over base64-decoded).
function describeError(error, { withDetails = false } = {}) {
  const code = error.code;
  const message = error.details ?? error.message;
  if (!withDetails) return { code, message };
  const [detailsBin] = error.metadata?.get('grpc-status-details-bin') ?? [];
  if (!detailsBin) {
    log(`no grpc-status-details-bin trailer on ${statusName(code)} answer`);
    return { code, message, fieldViolations: [] };
  }
  const status = RpcStatus.decode(detailsBin);
  const fieldViolations = [];
  for (const detail of status.details) {
    if (detail.type_url.split('/').pop() !== 'google.rpc.BadRequest') {
      log(`ignoring status detail ${detail.type_url}`);
      continue;
    }
    for (const violation of BadRequest.decode(detail.value).field_violations) {
      fieldViolations.push({ field: violation.field, description: violation.description });
    }
  }
  return { code, statusCode: status.code, message, fieldViolations };
}

// Server reflection over one bidi stream: each ask() sends a request and waits
// for the answer to it (the server answers requests in order).
class ReflectionSession {
  constructor(client, version) {
    this.pending = [];
    this.failure = null;
    this.stream = client.makeBidiStreamRequest(
      `/grpc.reflection.${version}.ServerReflection/ServerReflectionInfo`,
      serializerFor(ReflectionRequest), deserializerFor(ReflectionResponse),
      new grpc.Metadata(), { deadline: deadline() });
    this.stream.on('data', (response) => this.pending.shift()?.resolve(response));
    this.stream.on('error', (error) => this.fail(error));
    this.stream.on('end', () => this.fail(new Error('reflection stream ended before answering')));
  }

  fail(error) {
    this.failure ??= error;
    for (const { reject } of this.pending.splice(0)) reject(this.failure);
  }

  ask(request) {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.stream.write(request);
    }).then((response) => {
      if (response.error_response) {
        const { error_code: code, error_message: message } = response.error_response;
        throw Object.assign(new Error(`reflection error ${code}: ${message}`), { code });
      }
      return response;
    });
  }

  close() {
    this.stream.end();
  }
}

// Opens a reflection session on v1, or on v1alpha when the server does not
// implement v1. The first request (list_services) doubles as the probe.
async function openReflection(client) {
  for (const version of ['v1', 'v1alpha']) {
    const session = new ReflectionSession(client, version);
    try {
      const listed = await session.ask({ list_services: '' });
      return { session, version, listed };
    } catch (error) {
      session.close();
      if (error.code !== grpc.status.UNIMPLEMENTED || version === 'v1alpha') throw error;
      log('reflection v1 is unimplemented, falling back to v1alpha');
    }
  }
  throw new Error('unreachable');
}

// Fetches the file that defines `symbol` and every file it depends on, then
// builds a protobufjs Root from those descriptors.
async function discover(session, symbol) {
  const files = new Map();
  const addFiles = (response) => {
    for (const bytes of response.file_descriptor_response?.file_descriptor_proto ?? []) {
      const file = FileDescriptorProto.decode(bytes);
      if (!files.has(file.name)) files.set(file.name, file);
    }
  };
  addFiles(await session.ask({ file_containing_symbol: symbol }));
  // Servers may send the dependencies along or leave them out; ask for any missing.
  for (let missing = missingDependencies(files); missing.length > 0; missing = missingDependencies(files)) {
    for (const name of missing) {
      const before = files.size;
      addFiles(await session.ask({ file_by_filename: name }));
      if (!files.has(name) || files.size === before) throw new Error(`reflection did not return ${name}`);
    }
  }
  log(`discovered ${symbol} in ${[...files.keys()].join(', ')}`);
  return protobuf.Root.fromDescriptor({ file: dependencyOrder(files) });
}

function missingDependencies(files) {
  const missing = new Set();
  for (const file of files.values()) {
    for (const dependency of file.dependency ?? []) if (!files.has(dependency)) missing.add(dependency);
  }
  return [...missing];
}

// Dependencies first, so every type is defined before it is referenced.
function dependencyOrder(files) {
  const ordered = [];
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    const file = files.get(name);
    for (const dependency of file.dependency ?? []) visit(dependency);
    ordered.push(file);
  };
  for (const name of files.keys()) visit(name);
  return ordered;
}

// Fills `result` step by step, so a crash still leaves the answers so far to print.
async function run({ target, identity }, result) {
  let unanswered = 0;
  const client = new grpc.Client(target, grpc.credentials.createInsecure());
  // Records an error answer, counting those that never came from the server.
  const errorAnswer = (error, options) => {
    if (NO_ANSWER_CODES.has(error.code)) {
      unanswered++;
      log(`no answer: ${statusName(error.code)} ${error.details}`);
    }
    return describeError(error, options);
  };

  try {
    for (const [key, service] of [['health', ''], ['healthPlatform', PLATFORM_SERVICE]]) {
      const { response, error } = await unary(client, '/grpc.health.v1.Health/Check',
        HealthCheckRequest, HealthCheckResponse, { service });
      result[key] = error
        ? errorAnswer(error)
        : { status: HealthCheckResponse.toObject(response, { enums: String, defaults: true }).status };
    }

    const { session, version, listed } = await openReflection(client);
    let platform;
    try {
      result.services = listed.list_services_response.service.map((s) => s.name).sort();
      log(`reflection ${version} lists ${result.services.length} services`);
      platform = await discover(session, PLATFORM_SERVICE);
    } finally {
      session.close();
    }

    const service = platform.lookupService(PLATFORM_SERVICE);
    // Calls a PlatformService method with the types its descriptor names.
    const callPlatform = (methodName, request, metadata) => {
      const method = service.methods[methodName];
      if (!method) throw new Error(`${PLATFORM_SERVICE} has no method ${methodName}`);
      method.resolve();
      return unary(client, `/${PLATFORM_SERVICE}/${methodName}`,
        method.resolvedRequestType, method.resolvedResponseType, request, metadata)
        .then((answer) => ({ ...answer, responseType: method.resolvedResponseType }));
    };
    const report = ({ response, error, responseType }, options) =>
      error ? errorAnswer(error, options) : toProto3Json(responseType, response);

    result.info = report(await callPlatform('GetInfo', {}, identityMetadata(identity)));
    result.badRequest = report(await callPlatform('ListServices',
      { page_size: -1, page_token: 'not-a-token' }, identityMetadata(identity)), { withDetails: true });
    result.missingIdentity = report(await callPlatform('GetInfo', {}, identityMetadata(undefined)), { withDetails: true });
    result.notFound = report(await callPlatform('GetService', { name: 'no-such-service' }, identityMetadata(identity)));
    result.getService = report(await callPlatform('GetService', { name: 'platform' }, identityMetadata(identity)));
  } finally {
    client.close();
  }
  return unanswered > 0 ? 2 : 0;
}

const result = { client: 'node-grpc-js', clientVersion: GRPC_JS_VERSION };
try {
  process.exitCode = await run(parseArgs(process.argv.slice(2)), result);
} catch (error) {
  log('failed:', error?.stack ?? error);
  result.error = String(error?.message ?? error);
  process.exitCode = 1;
}
process.stdout.write(JSON.stringify(result) + '\n');
