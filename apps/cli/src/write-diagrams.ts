// Writes workflows/<name>.mmd beside every workflows/<name>.yaml; fails listing every issue of an invalid definition.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DefinitionInvalid, parseDefinition, toMermaid } from '@cascade/workflow';

const dir = resolve(__dirname, '../../../workflows');
let failed = false;
for (const file of readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()) {
  const path = join(dir, file);
  try {
    const def = parseDefinition(readFileSync(path, 'utf8'), `workflows/${file}`);
    const out = path.replace(/\.ya?ml$/, '.mmd');
    writeFileSync(out, toMermaid(def));
    console.log(`wrote workflows/${file.replace(/\.ya?ml$/, '.mmd')}`);
  } catch (e) {
    if (!(e instanceof DefinitionInvalid)) throw e;
    console.error(e.message);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
