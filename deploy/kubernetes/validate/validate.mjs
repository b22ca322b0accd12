// Builds a kustomization of deploy/kubernetes the way `kubectl kustomize` does, for the features these manifests
// use (resources, components, namespace, images, configMapGenerator/secretGenerator with fixed names, JSON 6902
// patches; anything else is refused, so a new feature cannot slip past unvalidated), then validates every object
// against the Kubernetes API schemas of the npm package kubernetes-models (and prometheus-operator's CRDs).
//   node validate.mjs OVERLAY_DIR [--component-instead OLD=NEW] [--print]
// Prints one JSON line per object ({"kind","name","env":[…names set on containers…],"object":{…as built…}}) for
// DeployManifestsTest and exits 1 listing every problem. Runs offline once `npm ci` has installed the packages (install.sh).
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

const problems = [];

const GROUPED_MODELS = {
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};
// Custom resources whose operator publishes no model package here: checked for what we rely on only.
const UNMODELLED = new Set(["postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/ScheduledBackup"]);

function load(file) {
  return YAML.parseAllDocuments(fs.readFileSync(file, "utf8")).map((d) => {
    if (d.errors.length) problems.push(`${file}: ${d.errors[0].message}`);
    return d.toJS();
  }).filter((o) => o != null);
}

const KNOWN = new Set(["apiVersion", "kind", "resources", "components", "namespace", "images", "generatorOptions",
  "configMapGenerator", "secretGenerator", "patches"]);

function build(dir, replace) {
  const file = path.join(dir, "kustomization.yaml");
  const k = load(file)[0];
  for (const key of Object.keys(k)) if (!KNOWN.has(key)) problems.push(`${file}: '${key}' is not supported by validate.mjs`);
  let objects = [];
  for (const r of k.resources ?? []) {
    const p = path.join(dir, r);
    objects.push(...(fs.statSync(p).isDirectory() ? build(p, replace) : load(p)));
  }
  const noHash = k.generatorOptions?.disableNameSuffixHash === true;
  for (const [kind, list] of [["ConfigMap", k.configMapGenerator], ["Secret", k.secretGenerator]]) {
    for (const g of list ?? []) {
      if (!noHash) problems.push(`${file}: generated names with a hash suffix are not supported by validate.mjs`);
      const data = {};
      for (const e of g.envs ?? []) {
        let p = path.join(dir, e);
        if (!fs.existsSync(p) && fs.existsSync(p + ".example")) p += ".example"; // secrets.env is never committed
        for (const line of fs.readFileSync(p, "utf8").split("\n")) {
          const t = line.trim();
          if (!t || t.startsWith("#")) continue;
          const i = t.indexOf("=");
          if (i < 1) { problems.push(`${p}: '${t}' is not NAME=value`); continue; }
          data[t.slice(0, i)] = t.slice(i + 1);
        }
      }
      for (const f of g.files ?? []) data[path.basename(f)] = fs.readFileSync(path.join(dir, f), "utf8");
      for (const l of g.literals ?? []) { const i = l.indexOf("="); data[l.slice(0, i)] = l.slice(i + 1); }
      const o = { apiVersion: "v1", kind, metadata: { name: g.name } };
      if (kind === "Secret") { o.type = "Opaque"; o.data = Object.fromEntries(Object.entries(data).map(([n, v]) => [n, Buffer.from(v).toString("base64")])); }
      else o.data = data;
      objects.push(o);
    }
  }
  for (const c of k.components ?? []) {
    const chosen = replace[c] ?? c;
    const p = path.join(dir, chosen);
    const comp = load(path.join(p, "kustomization.yaml"))[0];
    if (comp.kind !== "Component") problems.push(`${p}: not a Component`);
    objects = applyLayer(p, comp, [...objects, ...(comp.resources ?? []).flatMap((r) => load(path.join(p, r)))]);
  }
  objects = applyLayer(dir, k, objects);
  if (k.namespace) for (const o of objects) if (o.kind !== "Namespace") o.metadata.namespace = k.namespace;
  for (const img of k.images ?? []) {
    for (const o of objects) for (const c of containers(o)) {
      if (c.image.split(":")[0] === img.name) c.image = `${img.newName ?? img.name}:${img.newTag ?? "latest"}`;
    }
  }
  return objects;
}

function applyLayer(dir, k, objects) {
  for (const p of k.patches ?? []) {
    if (!p.path || !p.target?.kind || !p.target?.name) { problems.push(`${dir}: only JSON 6902 patches from a file with a kind and name target are supported`); continue; }
    const ops = load(path.join(dir, p.path))[0];
    const targets = objects.filter((o) => o.kind === p.target.kind && o.metadata?.name === p.target.name);
    if (targets.length !== 1) problems.push(`${dir}/${p.path}: ${targets.length} objects match its target`);
    for (const t of targets) for (const op of ops) jsonPatch(t, op, `${dir}/${p.path}`);
  }
  return objects;
}

function jsonPatch(doc, op, where) {
  const parts = op.path.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const last = parts.pop();
  let parent = doc;
  for (const p of parts) {
    parent = parent?.[Array.isArray(parent) ? Number(p) : p];
    if (parent === undefined) { problems.push(`${where}: ${op.path} does not exist`); return; }
  }
  if (op.op === "add") {
    if (Array.isArray(parent)) parent.splice(last === "-" ? parent.length : Number(last), 0, op.value);
    else parent[last] = op.value;
  } else if (op.op === "replace") {
    if (!(last in parent)) problems.push(`${where}: ${op.path} does not exist`);
    parent[last] = op.value;
  } else if (op.op === "remove") {
    if (Array.isArray(parent)) parent.splice(Number(last), 1); else delete parent[last];
  } else problems.push(`${where}: op '${op.op}' is not supported`);
}

function containers(o) {
  const spec = o.kind === "CronJob" ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec;
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
}

function validate(o) {
  const [group, version] = o.apiVersion.includes("/") ? o.apiVersion.split("/") : ["", o.apiVersion];
  const id = `${o.apiVersion}/${o.kind}`;
  if (UNMODELLED.has(id)) {
    if (!o.metadata?.name || !o.spec) problems.push(`${id}: metadata.name and spec are required`);
    return;
  }
  const pkg = GROUPED_MODELS[group] ?? "kubernetes-models";
  const modulePath = group ? `${pkg}/${group}/${version}/${o.kind}` : `${pkg}/${version}/${o.kind}`;
  return import(modulePath).then((m) => {
    try { new m[o.kind](o).validate(); } catch (e) { problems.push(`${o.kind} ${o.metadata?.name}: ${e.message}`); }
  }, () => problems.push(`${id}: no schema for this kind`));
}

// Unknown fields (a misspelt terminationGracePeriod is silently dropped by the API server): the JSON schemas allow
// them, the models' TypeScript interfaces do not. Each object becomes a typed object literal and tsc checks it.
function strictFields(objects) {
  const ts = require("typescript");
  const lines = [];
  objects.forEach((o, i) => {
    const [group, version] = o.apiVersion.includes("/") ? o.apiVersion.split("/") : ["", o.apiVersion];
    if (UNMODELLED.has(`${o.apiVersion}/${o.kind}`)) return;
    const pkg = GROUPED_MODELS[group] ?? "kubernetes-models";
    const mod = group ? `${pkg}/${group}/${version}/${o.kind}` : `${pkg}/${version}/${o.kind}`;
    lines.push(`import type { I${o.kind} as T${i} } from "${mod}";`);
    lines.push(`export const o${i}: T${i} = ${JSON.stringify(o)}; // ${o.kind} ${o.metadata?.name}`);
  });
  const file = path.join(here, "manifests.generated.ts");
  fs.writeFileSync(file, lines.join("\n") + "\n");
  try {
    const program = ts.createProgram([file], { noEmit: true, strict: true, module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true, types: [] });
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const line = d.file ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
      const what = line >= 0 ? lines[line].replace(/^.*\/\/ /, "") : "";
      problems.push(`${what}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
    }
  } finally {
    fs.rmSync(file, { force: true });
  }
}

const args = process.argv.slice(2);
const replace = {};
for (let i = 1; i < args.length; i++) {
  if (args[i] === "--component-instead") { const [a, b] = args[++i].split("="); replace[a] = b; }
}
const objects = build(path.resolve(args[0]), replace);
await Promise.all(objects.map(validate));
const names = new Set();
for (const o of objects) {
  const key = `${o.kind}/${o.metadata?.namespace ?? ""}/${o.metadata?.name}`;
  if (names.has(key)) problems.push(`${key} is defined twice`);
  names.add(key);
  const env = containers(o).flatMap((c) => (c.env ?? []).map((e) => e.name));
  const envFrom = containers(o).flatMap((c) => (c.envFrom ?? []).map((e) => (e.configMapRef ? `configmap:${e.configMapRef.name}` : `secret:${e.secretRef?.name}`)));
  const keys = o.kind === "ConfigMap" || o.kind === "Secret" ? Object.keys(o.data ?? {}) : [];
  console.log(JSON.stringify({ kind: o.kind, name: o.metadata?.name, namespace: o.metadata?.namespace ?? null, env, envFrom, keys, object: o }));
}
strictFields(objects);
if (problems.length) {
  for (const p of problems) console.error(`PROBLEM ${p}`);
  process.exit(1);
}
console.error(`${objects.length} objects valid`);
