// Reads manifests as `helm template` prints them (a YAML stream) and validates every object: the
// Kubernetes kinds against the schemas of the kubernetes-models package, the Dapr kinds
// (dapr.io/v1alpha1, which no schema package covers) against dapr-contract.schema.json.
// Prints a JSON array, one entry per object: its source template, the object as Kubernetes reads
// it (YAML 1.1, as the API server's reader), and the schema errors (empty when it is valid).
// An object of a kind neither knows is an error, so nothing passes unchecked.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import Ajv from "ajv";

const [manifestsPath] = process.argv.slice(2);
if (!manifestsPath) {
  console.error("usage: node validate-manifests.mjs MANIFESTS.yaml");
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

process.stdout.write(JSON.stringify(results));
