// Calls cx.platform.v1.PlatformService/GetInfo through the gateway with @grpc/grpc-js, as an
// integrator would: once with the given API key (and a forged x-cx-tenant, which the gateway must
// ignore), once with a key that does not exist, and once with a key that lacks the permission,
// reading the refusal's google.rpc.Status from grpc-status-details-bin. Prints one JSON object.
//
//   node gateway-client.mjs --target 127.0.0.1:7190 --key cxk_... --weak-key cxk_...

import grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, value, i, all) =>
  (i % 2 === 0 ? [...pairs, [value.replace(/^--/, ''), all[i + 1]]] : pairs), []));

// Only the fields read here; field numbers are what matter on the wire.
const root = protobuf.Root.fromJSON({
  nested: {
    PlatformInfo: {
      fields: {
        version: { type: 'string', id: 1 },
        backend: { type: 'string', id: 2 },
        tenant: { type: 'string', id: 4 },
      },
    },
    // google.rpc.Status, Any and ErrorInfo, by their published field numbers.
    Status: {
      fields: {
        code: { type: 'int32', id: 1 },
        message: { type: 'string', id: 2 },
        details: { rule: 'repeated', type: 'Any', id: 3 },
      },
    },
    Any: { fields: { typeUrl: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } },
    ErrorInfo: {
      fields: {
        reason: { type: 'string', id: 1 },
        domain: { type: 'string', id: 2 },
        metadata: { keyType: 'string', type: 'string', id: 3 },
      },
    },
  },
});
const Status = root.lookupType('Status');
const ErrorInfo = root.lookupType('ErrorInfo');
const PlatformInfo = root.lookupType('PlatformInfo');
const client = new grpc.Client(args.target, grpc.credentials.createInsecure());

function refusal(error) {
  const [bin] = error.metadata.get('grpc-status-details-bin');
  const status = bin ? Status.toObject(Status.decode(bin)) : null;
  const errorInfo = status?.details
    ?.filter((d) => d.typeUrl === 'type.googleapis.com/google.rpc.ErrorInfo')
    .map((d) => ErrorInfo.toObject(ErrorInfo.decode(d.value)))[0] ?? null;
  return { code: error.code, details: error.details, errorInfo };
}

function getInfo(key, extra = {}) {
  const metadata = new grpc.Metadata();
  metadata.set('x-api-key', key);
  for (const [name, value] of Object.entries(extra)) metadata.set(name, value);
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      '/cx.platform.v1.PlatformService/GetInfo',
      () => Buffer.alloc(0),
      (bytes) => PlatformInfo.toObject(PlatformInfo.decode(bytes)),
      {},
      metadata,
      { deadline: Date.now() + 10_000 },
      (error, value) => resolve(error ? refusal(error) : { code: 0, info: value }));
  });
}

const report = {
  client: 'node-grpc-js',
  withKey: await getInfo(args.key, { 'x-cx-tenant': 'someone-else' }),
  unknownKey: await getInfo('cxk_aaaaaaaaaaaaaaaa_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
  weakKey: await getInfo(args['weak-key']),
};
client.close();
process.stdout.write(JSON.stringify(report) + '\n');
