import { describe, expect, it } from 'vitest';
import { parseMlmodel } from './mlmodel';

// An MLmodel as mlflow.sklearn.log_model(..., signature=infer_signature(X, y), input_example=X[:2]) writes it (MLflow 2.16).
const SKLEARN = `artifact_path: model
flavors:
  python_function:
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.sklearn
    model_path: model.pkl
    predict_fn: predict
    python_version: 3.11.9
  sklearn:
    code: null
    pickled_model: model.pkl
    serialization_format: cloudpickle
    sklearn_version: 1.5.1
mlflow_version: 2.16.2
model_size_bytes: 1021
model_uuid: 2b5e8b3c1f3a4d7e9c0b1a2d3e4f5a6b
run_id: 0f3a5c1d2e4b4f6a8c9d0e1f2a3b4c5d
saved_input_example_info:
  artifact_path: input_example.json
  pandas_orient: split
  serving_input_path: serving_input_example.json
  type: dataframe
signature:
  inputs: '[{"type": "double", "name": "sepal length (cm)", "required": true}, {"type": "double", "name": "petal width (cm)", "required": false}]'
  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}]'
  params: null
utc_time_created: '2026-12-03 10:00:00.000000'
`;

describe('parseMlmodel', () => {
  it('reads flavors, the signature and the input example of a real MLmodel', () => {
    const m = parseMlmodel(SKLEARN)!;
    expect(m.flavors.map((f) => f.name)).toEqual(['python_function', 'sklearn']);
    expect(m.flavors[1]!.details).toContainEqual(['sklearn_version', '1.5.1']);
    expect(m.signature).toEqual({
      inputs: [
        { name: 'sepal length (cm)', type: 'double', required: true },
        { name: 'petal width (cm)', type: 'double', required: false },
      ],
      outputs: [{ name: 'tensor 0', type: 'tensor int64', required: true, shape: '(-1)' }],
      params: [],
    });
    expect(m.inputExample).toEqual({ path: 'input_example.json', type: 'dataframe' });
    expect(m.mlflowVersion).toBe('2.16.2');
  });

  it('answers null for text that is not a YAML mapping, and leaves a bad signature out', () => {
    expect(parseMlmodel('{{{')).toBeNull();
    expect(parseMlmodel('- a\n- b')).toBeNull();
    const m = parseMlmodel('flavors:\n  keras: {}\nsignature:\n  inputs: "not json"\n')!;
    expect(m.flavors).toEqual([{ name: 'keras', details: [] }]);
    expect(m.signature).toEqual({ inputs: [], outputs: [], params: [] });
    expect(m.inputExample).toBeNull();
  });
});
