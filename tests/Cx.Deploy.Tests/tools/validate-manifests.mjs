// Reads manifests as `helm template` prints them (a YAML stream) and validates every object: the
// Kubernetes kinds against the schemas of the kubernetes-models package, the Dapr kinds
// (dapr.io/v1alpha1, which no schema package covers) against dapr-contract.schema.json.
// Kubernetes' own schemas allow fields they do not define (the API server drops them, at most with
// a warning), so a misspelled field would pass them: the Kubernetes objects are also type-checked
// by TypeScript against the package's interfaces, whose object literals admit no unknown field.
// Prints a JSON array, one entry per object: its source template, the object as Kubernetes reads
// it (YAML 1.1, as the API server's reader), and the schema errors (empty when it is valid).
// An object of a kind neither knows is an error, so nothing passes unchecked.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import Ajv from "ajv";
import ts from "typescript";

// --schemas-only leaves out the type check (seconds per run), for renderings that only vary a
// value of one already fully checked.
const argumentsGiven = process.argv.slice(2);
const schemasOnly = argumentsGiven.includes("--schemas-only");
const [manifestsPath] = argumentsGiven.filter((a) => a !== "--schemas-only");
if (!manifestsPath) {
  console.error("usage: node validate-manifests.mjs [--schemas-only] MANIFESTS.yaml");
  process.exit(2);
}

const here = new URL(".", import.meta.url);
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
const daprContract = JSON.parse(readFileSync(new URL("dapr-contract.schema.json", here), "utf8"));
const daprValidators = Object.fromEntries(
  Object.keys(daprContract.kinds).map((kind) => [kind, ajv.compile({ ...daprContract.kinds[kind], definitions: daprContract.definitions })]),
);

async function kubernetesModel(apiVersion, kind) {
  // kubernetes-models lays its models out by apiVersion: apps/v1, networking.k8s.io/v1, and v1 for
  // the core group.
  try {
    const module = await import(`kubernetes-models/${apiVersion}`);
    return module[kind];
  } catch {
    return undefined;
  }
}

async function validate(object) {
  if (object === null || typeof object !== "object" || Array.isArray(object)) {
    return ["the document is not an object"];
  }

  const { apiVersion, kind } = object;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    return ["apiVersion and kind must be strings"];
  }

  if (apiVersion === "dapr.io/v1alpha1") {
    const check = daprValidators[kind];
    if (!check) {
      return [`no Dapr contract for ${kind}`];
    }

    return check(object) ? [] : check.errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? `: ${e.params.additionalProperty}` : ""}`);
  }

  const Model = await kubernetesModel(apiVersion, kind);
  if (!Model) {
    return [`no Kubernetes schema for ${apiVersion} ${kind}`];
  }

  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return (error.errors ?? [{ instancePath: "", message: error.message }]).map((e) => `${e.instancePath || "/"} ${e.message}`);
  }
}

// One TypeScript program for every Kubernetes object: each a typed constant; a diagnostic is
// charged to the object whose lines it falls in.
function unknownFields(results) {
  const file = new URL("rendered-objects.ts", here).pathname;
  let source = "";
  let line = 0;
  const spans = [];
  results.forEach((result, index) => {
    const { apiVersion, kind } = result.object ?? {};
    if (result.errors.length > 0 || typeof apiVersion !== "string" || apiVersion.startsWith("dapr.io/")) {
      return;
    }

    const text = `import type { I${kind} as T${index} } from "kubernetes-models/${apiVersion}/${kind}";\nexport const object${index}: T${index} = ${JSON.stringify(result.object, null, 1)};\n`;
    spans.push({ index, from: line, to: line + text.split("\n").length - 1 });
    line += text.split("\n").length - 1;
    source += text;
  });
  if (spans.length === 0) {
    return;
  }

  const host = ts.createCompilerHost({});
  const readFile = host.readFile;
  const fileExists = host.fileExists;
  host.readFile = (name) => (name === file ? source : readFile(name));
  host.fileExists = (name) => name === file || fileExists(name);
  const options = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  };
  const program = ts.createProgram([file], options, host);
  const lines = source.split("\n");
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const at = diagnostic.file?.fileName === file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line : -1;
    const span = spans.find((s) => at >= s.from && at < s.to);
    const message = `${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")} (at ${lines[at]?.trim() ?? "?"})`;
    if (span) {
      results[span.index].errors.push(message);
    } else {
      throw new Error(`a type-check diagnostic outside the objects: ${message}`);
    }
  }
}

const results = [];
for (const document of parseAllDocuments(readFileSync(manifestsPath, "utf8"), { version: "1.1" })) {
  // Helm's "# Source:" line ends up before the document or before its first node.
  const comments = `${document.commentBefore ?? ""}\n${document.contents?.commentBefore ?? ""}`;
  const source = /^ ?Source: (\S+)/m.exec(comments)?.[1] ?? "";
  if (document.errors.length > 0) {
    results.push({ source, object: null, errors: document.errors.map((e) => e.message) });
    continue;
  }

  const object = document.toJS();
  if (object === null || object === undefined) {
    continue;
  }

  results.push({ source, object, errors: await validate(object) });
}

if (!schemasOnly) {
  unknownFields(results);
}
process.stdout.write(JSON.stringify(results));
