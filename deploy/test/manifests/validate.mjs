// Checks every Kubernetes object in the given YAML files against its schema: the OpenAPI schemas
// of the Kubernetes API (kubernetes-models) and of the Prometheus operator's ServiceMonitor.
// Checked: each object's apiVersion and kind are known, its fields have the schema's types,
// formats and enums, required fields are present. Not checked: unknown extra fields (the models
// accept them), and what only a cluster decides (admission, quotas, CRDs installed).
// A kustomization.yaml is checked for its resources and generator files existing.
// Usage: node validate.mjs FILE.yaml...   Prints one line per object and "N passed, N failed".
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

let passed = 0;
let failed = 0;
const report = (ok, what, why = '') => {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} - ${what}${why ? ': ' + why : ''}`);
};

function modulePath(apiVersion, kind) {
  if (apiVersion.startsWith('monitoring.coreos.com/')) {
    return `@kubernetes-models/prometheus-operator/${apiVersion}/${kind}`;
  }
  return `kubernetes-models/${apiVersion}/${kind}`;
}

async function validate(obj, where) {
  const what = `${where}: ${obj.kind ?? '?'} ${obj.metadata?.name ?? '?'}`;
  if (!obj.apiVersion || !obj.kind) return report(false, what, 'no apiVersion or kind');
  let Model;
  try {
    Model = (await import(modulePath(obj.apiVersion, obj.kind)))[obj.kind];
  } catch (e) {
    return report(false, what, `unknown apiVersion/kind ${obj.apiVersion} ${obj.kind}`);
  }
  try {
    new Model(obj).validate();
    report(true, what);
  } catch (e) {
    report(false, what, e.message);
  }
}

function kustomization(file, doc) {
  const dir = dirname(file);
  const refs = [...(doc.resources ?? []), ...(doc.patches ?? []).map((p) => p.path).filter(Boolean)];
  for (const g of [...(doc.configMapGenerator ?? []), ...(doc.secretGenerator ?? [])]) {
    refs.push(...(g.files ?? []).map((f) => f.split('=').pop()), ...(g.envs ?? []));
  }
  const missing = refs.filter((r) => !existsSync(join(dir, r)));
  report(missing.length === 0, `${file}: kustomization`, missing.length ? `missing ${missing.join(', ')}` : '');
}

for (const file of process.argv.slice(2)) {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  for (const d of docs) {
    if (d.errors.length) { report(false, file, d.errors[0].message); continue; }
    const obj = d.toJS();
    if (obj == null) continue;
    if (obj.kind === 'Kustomization' || file.endsWith('kustomization.yaml')) kustomization(file, obj);
    else await validate(obj, file);
  }
}
console.log(`manifests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
