// Bundles each entry point into one ES module in dist/ (types come from tsc, run before this).
import { build } from 'esbuild';

const common = { bundle: true, format: 'esm', target: 'es2020', platform: 'neutral', sourcemap: true, logLevel: 'warning' };
await build({ ...common, entryPoints: ['src/herald.ts'], outfile: 'dist/herald.js' });
await build({ ...common, entryPoints: ['src/react.ts'], outfile: 'dist/react.js', external: ['react', 'herald-client'] });
