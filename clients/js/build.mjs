// Bundles each entry point into one ES module (dist/*.js) and one CommonJS module (dist/*.cjs);
// types come from tsc, run before this.
import { build } from 'esbuild';

const common = { bundle: true, target: 'es2020', platform: 'neutral', sourcemap: true, logLevel: 'warning' };
for (const [format, ext] of [['esm', 'js'], ['cjs', 'cjs']]) {
  await build({ ...common, format, entryPoints: ['src/herald.ts'], outfile: `dist/herald.${ext}` });
  await build({
    ...common, format, entryPoints: ['src/react.ts'], outfile: `dist/react.${ext}`,
    external: ['react', 'herald-realtime'],
  });
}
