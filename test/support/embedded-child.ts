/** A process that starts the embedded PostgreSQL on argv's data dir and port, says READY, and waits to be killed. */
import { startEmbeddedDatabase } from '../../src/server/db/embedded.js';

const [dataDir, port] = process.argv.slice(2);
const server = await startEmbeddedDatabase(dataDir!, Number(port), () => {});
console.log(`READY ${server.url}`);
setInterval(() => {}, 60_000);
