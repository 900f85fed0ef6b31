// The S3 emulator that deploy/s3-emulator.sh starts: fauxqs, configured through its own API rather than patched.
//
//   node emulator.mjs PORT BUCKET PIDFILE
//
// fauxqs's startFauxqs() listens on every interface and its Fastify instance caps a request body at 11 MiB, while
// uploads reach 20 MB. So this builds the same app with buildApp(), swaps its catch-all (S3) body parser for one
// with a 64 MiB limit, checks that the larger limit took before listening, creates the bucket, and listens on
// 127.0.0.1 only. Objects live in memory and are gone when it stops. PIDFILE is written once it listens (the script
// waits for it) and removed when it stops.
import { rmSync, writeFileSync } from "node:fs";
import { buildApp } from "fauxqs";

const [portText, bucket, pidFile] = process.argv.slice(2);
const port = Number(portText);
if (!Number.isInteger(port) || port < 1 || port > 65535 || !bucket || !pidFile) {
  console.error("usage: node emulator.mjs PORT BUCKET PIDFILE");
  process.exit(2);
}

const bodyLimit = 64 * 1024 * 1024;
const app = buildApp({ logger: { level: "warn" } });
app.removeContentTypeParser("*");
app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit }, (_request, body, done) => done(null, body));

// A pinned fauxqs whose parsers changed would otherwise fail only on the first large upload.
const probeKey = "/" + bucket + "/.emulator-body-limit-check";
await inject("PUT", "/" + bucket);
await inject("PUT", probeKey, Buffer.alloc(12 * 1024 * 1024), { "content-type": "application/octet-stream" });
await inject("DELETE", probeKey);

await app.listen({ host: "127.0.0.1", port });
writeFileSync(pidFile, `${process.pid} ${port}\n`);
console.log(`s3-emulator: fauxqs listening on http://127.0.0.1:${port}, bucket ${bucket}, bodies up to ${bodyLimit} bytes`);

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, async () => {
    rmSync(pidFile, { force: true });
    await app.close();
    process.exit(0);
  });
}

async function inject(method, url, payload, headers) {
  const response = await app.inject({ method, url, payload, headers });
  if (response.statusCode >= 300) {
    console.error(`s3-emulator: ${method} ${url} answered ${response.statusCode} while starting: ${response.body}`);
    process.exit(1);
  }
}
