import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';

let t = Date.now();
const db = await PGlite.create({ extensions: { vector } });
console.log('create mem', Date.now() - t, process.memoryUsage().rss / 1e6);
t = Date.now();
await db.exec("create extension vector; create table t(id int, e vector(3)); insert into t values (1, '[1,2,3]')");
console.log('q', Date.now() - t, (await db.query('select version()')).rows);
t = Date.now();
const dump = await db.dumpDataDir('none');
console.log('dump', Date.now() - t, dump.size);
t = Date.now();
const db2 = await PGlite.create({ loadDataDir: dump, extensions: { vector } });
console.log('load', Date.now() - t, (await db2.query('select * from t')).rows, process.memoryUsage().rss / 1e6);
