// What a model version page shows from an `MLmodel` file (MLflow's model metadata, YAML): its flavors, its
// signature's inputs and outputs, and where its input example is. Anything malformed is left out, never thrown.
import { parse } from 'yaml';

export type SignatureColumn = { name: string; type: string; required: boolean; shape?: string };
export type MlmodelSummary = {
  flavors: { name: string; details: [string, string][] }[];
  signature: { inputs: SignatureColumn[]; outputs: SignatureColumn[]; params: SignatureColumn[] } | null;
  inputExample: { path: string; type: string } | null;
  createdAt: string | null;
  mlflowVersion: string | null;
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const scalar = (v: unknown) =>
  v === null || v === undefined ? '' : isRecord(v) || Array.isArray(v) ? JSON.stringify(v) : String(v);

/** A signature part is JSON text inside the YAML: a column spec list, or tensor specs (`{"type": "tensor", "tensor-spec": …}`). */
function parseSpec(text: unknown): SignatureColumn[] {
  if (typeof text !== 'string') return [];
  let specs: unknown;
  try {
    specs = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(specs)) return [];
  return specs.filter(isRecord).map((s, i) => {
    const tensor = isRecord(s['tensor-spec']) ? s['tensor-spec'] : null;
    const shape =
      tensor && Array.isArray(tensor.shape)
        ? `(${tensor.shape.join(', ')})`
        : Array.isArray(s.shape)
          ? `(${s.shape.join(', ')})`
          : undefined;
    const type = tensor
      ? `tensor ${scalar(tensor.dtype)}`
      : isRecord(s.type) || Array.isArray(s.type)
        ? JSON.stringify(s.type)
        : scalar(s.type);
    return {
      name: typeof s.name === 'string' ? s.name : tensor ? `tensor ${i}` : `column ${i}`,
      type: type || 'unknown',
      required: s.required !== false,
      ...(shape ? { shape } : {}),
    };
  });
}

export function parseMlmodel(text: string): MlmodelSummary | null {
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 50 });
  } catch {
    return null;
  }
  if (!isRecord(doc)) return null;
  const flavors = isRecord(doc.flavors)
    ? Object.entries(doc.flavors).map(([name, conf]) => ({
        name,
        details: isRecord(conf) ? Object.entries(conf).map(([k, v]) => [k, scalar(v)] as [string, string]) : [],
      }))
    : [];
  const sig = isRecord(doc.signature) ? doc.signature : null;
  const example = isRecord(doc.saved_input_example_info) ? doc.saved_input_example_info : null;
  return {
    flavors,
    signature: sig
      ? { inputs: parseSpec(sig.inputs), outputs: parseSpec(sig.outputs), params: parseSpec(sig.params) }
      : null,
    inputExample:
      example && typeof example.artifact_path === 'string'
        ? { path: example.artifact_path, type: scalar(example.type) || 'json' }
        : null,
    createdAt: doc.utc_time_created ? scalar(doc.utc_time_created) : null,
    mlflowVersion: doc.mlflow_version ? scalar(doc.mlflow_version) : null,
  };
}
