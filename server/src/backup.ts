/**
 * `npm run backup`: a consistent copy of the database while the server runs (SQLite's VACUUM INTO
 * reads one snapshot, WAL keeps writers going), into DATA_DIR/backups/. Attachments are plain
 * files under DATA_DIR/attachments/: copy that folder with any file backup tool.
 */
import { DatabaseSync } from 'node:sqlite';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
const source = path.join(dataDir, 'support-kit.sqlite');
if (!existsSync(source)) {
  console.error(`[support-kit backup] no database at ${source}: start the server once, or set DATA_DIR.`);
  process.exit(1);
}
const dir = path.join(dataDir, 'backups');
mkdirSync(dir, { recursive: true });
const target = path.join(dir, `support-kit-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`);
const db = new DatabaseSync(source, { readOnly: true });
db.prepare('VACUUM INTO ?').run(target);
db.close();
console.log(`[support-kit backup] ${target} (${statSync(target).size} bytes)`);
