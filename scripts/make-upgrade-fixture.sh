#!/usr/bin/env bash
# Makes the upgrade test's fixture (test/integration/backup.test.ts, "upgrade"): a database made
# and seeded by an EARLIER commit of Minsheng, taken with today's backup tool. The test restores
# it, which migrates it to the current schema, and checks it with db:check.
#
# The old release seeds its demo (units, accounts, campaigns and questionnaires with entries) and then
# writes a story of messages through ITS OWN services: submitted, accepted, answered and rated,
# rated 不满意 and closed with an explanation, withdrawn. Its generated demo history (DEMO_HISTORY) is
# left out by default: the generator of 2797697 wrote reply counts, closing explanations and statistics
# facts that today's db:check rightly reports as wrong (fixed in the generator at e0183b2, not in data),
# so such a database would fail db:check for reasons of the old generator, not of the upgrade.
#
#   scripts/make-upgrade-fixture.sh [COMMIT]        (default 2797697, the commit before the calendar migration)
#
# Needs: the machine's PostgreSQL (FIXTURE_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres),
# where a scratch database minsheng_oldfixture is created and dropped again; this checkout's
# node_modules (the old commit is run with them). The repository's git state is not touched
# (git archive only). Regenerate it when the backup format changes.
set -euo pipefail

COMMIT=${1:-2797697}
HISTORY=${DEMO_HISTORY:-0}
ADMIN_URL=${FIXTURE_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}
DB=minsheng_oldfixture
REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT="$REPO/test/fixtures/upgrade/${COMMIT}.msbackup"
DB_URL="${ADMIN_URL%/*}/$DB"
WORK=$(mktemp -d /tmp/minsheng-old-XXXXXX)
OLD_PID=""

cleanup() {
  if [ -n "$OLD_PID" ] && kill -0 "$OLD_PID" 2>/dev/null; then kill "$OLD_PID"; wait "$OLD_PID" 2>/dev/null || true; fi
  psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "extracting $COMMIT into $WORK"
git -C "$REPO" archive "$COMMIT" | tar -x -C "$WORK"
ln -s "$REPO/node_modules" "$WORK/node_modules"

psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"

# The old release migrates its schema, seeds the demo and DEMO_HISTORY messages, and listens: then it is stopped.
echo "starting Minsheng at $COMMIT on $DB (DEMO_HISTORY=$HISTORY)"
(cd "$WORK" && exec env DATABASE_URL="$DB_URL" DEMO=true DEMO_HISTORY="$HISTORY" PORT=0 HOST=127.0.0.1 JOBS=false LOG_LEVEL=warn WEB_DIR="$WORK/no-web" \
  node --import tsx src/server/main.ts) >"$WORK/old.log" 2>&1 &
OLD_PID=$!
for _ in $(seq 1 300); do
  if grep -q 'ready at' "$WORK/old.log"; then break; fi
  if ! kill -0 "$OLD_PID" 2>/dev/null; then cat "$WORK/old.log"; echo "the old release did not start"; exit 1; fi
  sleep 1
done
grep -q 'ready at' "$WORK/old.log" || { cat "$WORK/old.log"; echo "the old release did not become ready in 300 s"; exit 1; }
kill -TERM "$OLD_PID"; wait "$OLD_PID" 2>/dev/null || true; OLD_PID=""
grep '\[minsheng\]' "$WORK/old.log" || true

# A story written through the old release's services (its own test helpers call them as the routes do).
cat >"$WORK/upgrade-story.ts" <<'TS'
import { createDatabase } from './src/server/db/database.js';
import { actorOf, makeMessage } from './test/support/messages.js';
import { rateMessage, withdrawMessage } from './src/server/modules/messages/message-actions.service.js';
import { closeWithExplanation } from './src/server/modules/handling/handling.supervise.js';
import { foldPending } from './src/server/modules/stats/stats.fold.js';

const db = createDatabase(process.env.DATABASE_URL!, 2);
const AUTHOR = '13907910001';
const author = await actorOf(db, AUTHOR);
const admin = await actorOf(db, 'admin');
for (let i = 0; i < 12; i++) await rateMessage(db, author, await makeMessage(db, { author: AUTHOR, state: 'replied' }), { resolution: 5, attitude: 4, speed: 4 });
for (let i = 0; i < 4; i++) {
  const id = await makeMessage(db, { author: AUTHOR, state: 'replied' });
  await rateMessage(db, author, id, { resolution: 1, attitude: 2, speed: 1, comment: '没有解决' });
  await closeWithExplanation(db, admin, id, { explanation: '诉求超出政策范围，已当面解释。' });
}
for (let i = 0; i < 6; i++) await makeMessage(db, { author: AUTHOR, state: 'replied' });
for (let i = 0; i < 6; i++) await makeMessage(db, { author: AUTHOR, state: 'accepted' });
for (let i = 0; i < 4; i++) await makeMessage(db, { author: AUTHOR });
for (let i = 0; i < 2; i++) await withdrawMessage(db, author, await makeMessage(db, { author: AUTHOR }));
await foldPending(db, { wait: true });
await db.destroy();
console.log('story: 34 messages written through the services of the old release');
TS
(cd "$WORK" && DATABASE_URL="$DB_URL" node --import tsx upgrade-story.ts)

echo "backing up $DB with this checkout's backup tool"
(cd "$REPO" && DATABASE_URL="$DB_URL" npx tsx src/server/cli/backup.ts --out "$OUT")
ls -l "$OUT"
