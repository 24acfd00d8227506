/**
 * Once per test run: a PostgreSQL server (the one in DATABASE_URL, or a fresh
 * embedded one) and a template database, migrated and seeded with the demo
 * data. Each test file then clones the template (test/support/db.ts), which
 * takes a fraction of a second and isolates files from each other.
 */
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { DEFAULT_ADMIN_PASSWORD } from '../../src/server/config.js';
import { createDatabase } from '../../src/server/db/database.js';
import { startEmbeddedDatabase } from '../../src/server/db/embedded.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { seedDatabase } from '../../src/server/seed/seed.js';
import { freePort } from './net.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  let adminUrl: string;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    // A port and folder of this run's own, so two runs on one machine never collide.
    const port = process.env.PG_TEST_PORT ? Number(process.env.PG_TEST_PORT) : await freePort();
    const dir = path.join(os.tmpdir(), `minsheng-test-pg-${process.pid}`);
    await rm(dir, { recursive: true, force: true });
    const embedded = await startEmbeddedDatabase(dir, port, () => {});
    adminUrl = embedded.url;
    stopEmbedded = async () => {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }

  const template = `minsheng_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();

  const db = createDatabase(withDatabase(adminUrl, template), 2);
  try {
    await migrateToLatest(db);
    await seedDatabase(db, { demo: true, adminLogin: 'admin', adminPassword: DEFAULT_ADMIN_PASSWORD });
  } finally {
    await db.destroy();
  }

  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);

  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    // Databases cloned by test files that crashed before dropping their own.
    const leftovers = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`minsheng\\_t${process.pid}\\_%`]);
    for (const { datname } of leftovers.rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await client.end();
    await stopEmbedded?.();
  };
}

export { withDatabase };
