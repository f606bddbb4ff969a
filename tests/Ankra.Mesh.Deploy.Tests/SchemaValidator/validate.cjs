// Validates Kubernetes objects against the API schemas of Kubernetes 1.27 and 1.33.
//
// Input (stdin): a JSON array of objects as `kubectl kustomize` renders them. Output (stdout): a JSON array with,
// per object and schema version, the errors found (empty when valid).
//
// The schemas come from `kubernetes-models` (npm), whose releases are generated from the Kubernetes OpenAPI
// spec: 4.3.1 from v1.27.1, 4.5.1 from v1.33.0 (its CHANGELOG). Their validators (ajv) check types, formats,
// enums and required fields, but they accept fields a schema does not know — kubectl's strict validation and the
// API server's strict field validation refuse those. So unknown fields are checked here as well, against the raw
// 1.27.1 schemas that 4.3.1 registers: 1.27 is the oldest version we support, and fields of a GA API are never
// removed, so a field known to 1.27 is known to every later version.
"use strict";

const path = require("node:path");

const versions = { "1.27": "k8s-1.27", "1.33": "k8s-1.33" };

// Raw 1.27 schemas by id ("io.k8s.api.apps.v1.Deployment"), captured as the package registers them.
const rawSchemas = new Map();
captureRegisteredSchemas(versions["1.27"]);

function captureRegisteredSchemas(packageName) {
  const packageDir = path.dirname(require.resolve(`${packageName}/package.json`));
  const apimachineryDir = path.dirname(require.resolve("@kubernetes-models/apimachinery/package.json", { paths: [packageDir] }));
  for (const from of [packageDir, apimachineryDir]) {
    const validateModule = require(require.resolve("@kubernetes-models/validate", { paths: [from] }));
    if (validateModule.__ankraCaptured) continue;
    const register = validateModule.register;
    validateModule.register = (id, schema) => {
      rawSchemas.set(id, schema);
      return register(id, schema);
    };
    validateModule.__ankraCaptured = true;
  }
}

// "apps/v1" + "Deployment" → the model class of that package, or undefined when the package has none.
function modelOf(packageName, apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const folder = group === "" ? version : `${group}/${version}`;
  const file = path.join(path.dirname(require.resolve(`${packageName}/package.json`)), folder, `${kind}.js`);
  try {
    return require(file)[kind];
  } catch (error) {
    if (error && error.code === "MODULE_NOT_FOUND") return undefined;
    throw error;
  }
}

function schemaErrors(packageName, object) {
  const Model = modelOf(packageName, String(object.apiVersion), String(object.kind));
  if (!Model) return [`${object.apiVersion} ${object.kind} is not in the schema`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    if (Array.isArray(error.errors)) {
      return error.errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`);
    }
    return [String(error && error.message ? error.message : error)];
  }
}

function resolve(schema) {
  let current = schema;
  for (let depth = 0; current && current.$ref && depth < 32; depth++) {
    current = rawSchemas.get(current.$ref.replace(/#$/, ""));
  }
  return current;
}

// Every field the schema does not define, as a JSON pointer.
function unknownFields(value, schema, pointer, found) {
  schema = resolve(schema);
  if (!schema || value === null || typeof value !== "object") return;
  if (Array.isArray(schema.oneOf)) {
    for (const branch of schema.oneOf) unknownFields(value, branch, pointer, found);
    return;
  }

  if (Array.isArray(value)) {
    if (schema.items) value.forEach((item, index) => unknownFields(item, schema.items, `${pointer}/${index}`, found));
    return;
  }

  if (schema.properties) {
    for (const [key, child] of Object.entries(value)) {
      if (Object.prototype.hasOwnProperty.call(schema.properties, key)) {
        unknownFields(child, schema.properties[key], `${pointer}/${key}`, found);
      } else if (!schema.additionalProperties) {
        found.push(`${pointer}/${key} is not a field in Kubernetes 1.27`);
      }
    }
  } else if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
    for (const [key, child] of Object.entries(value)) unknownFields(child, schema.additionalProperties, `${pointer}/${key}`, found);
  }
}

function strictErrors(object) {
  const Model = modelOf(versions["1.27"], String(object.apiVersion), String(object.kind));
  if (!Model) return [];
  // kubernetes-models 4.x keeps a model's schema id under a private symbol and registers its schemas on the
  // first validate(); schemaErrors() has validated this object already.
  const idSymbol = Object.getOwnPropertySymbols(Model.prototype).find((s) => s.description === "SCHEMA_ID");
  const id = idSymbol && Model.prototype[idSymbol];
  const schema = id && rawSchemas.get(id);
  if (!schema) return [`no 1.27 schema registered for ${object.apiVersion} ${object.kind}`];
  const found = [];
  unknownFields(object, schema, "", found);
  return found;
}

function main(objects) {
  const results = [];
  objects.forEach((object, index) => {
    for (const [version, packageName] of Object.entries(versions)) {
      results.push({ index, version, check: "schema", errors: schemaErrors(packageName, object) });
    }
    results.push({ index, version: "1.27", check: "unknown-fields", errors: strictErrors(object) });
  });
  return results;
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  process.stdout.write(JSON.stringify(main(JSON.parse(input))));
});
