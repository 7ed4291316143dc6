// Calls cx.platform.v1.PlatformService/GetInfo through the gateway with @grpc/grpc-js, as an
// integrator would: once with the given API key (and a forged x-cx-tenant, which the gateway must
// ignore), once with a key that does not exist. Prints one JSON object on stdout.
//
//   node gateway-client.mjs --target 127.0.0.1:7190 --key cxk_...

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
  },
});
const PlatformInfo = root.lookupType('PlatformInfo');
const client = new grpc.Client(args.target, grpc.credentials.createInsecure());

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
      (error, value) => resolve(error ? { code: error.code, details: error.details } : { code: 0, info: value }));
  });
}

const report = {
  client: 'node-grpc-js',
  withKey: await getInfo(args.key, { 'x-cx-tenant': 'someone-else' }),
  unknownKey: await getInfo('cxk_aaaaaaaaaaaaaaaa_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
};
client.close();
process.stdout.write(JSON.stringify(report) + '\n');
