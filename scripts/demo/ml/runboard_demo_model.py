"""MLflow pyfunc loader for the Runboard demo's models (saved in TypeScript as model.json).

Shipped in each model folder under code/, so mlflow.pyfunc.load_model(...) can predict with no Runboard
code installed: it reads the learned parameters and reproduces scripts/demo/ml/models.ts's predictions,
P(rain tomorrow) for raw feature rows (standardized here with the training rows' mean and std).
Pure Python: a pandas DataFrame, a dict of columns or a list of rows all work.
"""

import json
import math


def _load_pyfunc(data_path):
    with open(data_path, encoding="utf-8") as f:
        return DemoModel(json.load(f))


def _rows(model_input, features):
    if hasattr(model_input, "columns") and hasattr(model_input, "values"):
        return model_input[features].values.tolist()
    if isinstance(model_input, dict):
        return [list(r) for r in zip(*(model_input[name] for name in features))]
    return [list(r) for r in model_input]


def _classify(node, row):
    # ml-cart: go left when the value is below the split; a leaf's class is the first with the most weight.
    while "splitColumn" in node and "left" in node and "right" in node:
        node = node["left"] if row[node["splitColumn"]] < node["splitValue"] else node["right"]
    weights = node["distribution"][0]
    return weights.index(max(weights))


class DemoModel:
    def __init__(self, spec):
        self.spec = spec
        self.features = spec["features"]

    def _standardized(self, rows):
        scaler = self.spec["standardizer"]
        return [[(v - m) / s for v, m, s in zip(row, scaler["mean"], scaler["std"])] for row in rows]

    def predict(self, model_input, params=None):
        x = self._standardized(_rows(model_input, self.features))
        p = self.spec["parameters"]
        if p["kind"] == "logistic-regression":
            return [
                1 / (1 + math.exp(-(p["intercept"] + sum(c * v for c, v in zip(p["coefficients"], row)))))
                for row in x
            ]
        forest = p["forest"]["baseModel"]
        trees = forest["estimators"]
        out = []
        for row in x:
            votes = sum(
                1
                for tree, columns in zip(trees, forest["indexes"])
                if _classify(tree["root"], [row[c] for c in columns]) == 1
            )
            # The same Laplace smoothing as the TypeScript model: (votes + 1) / (trees + 2).
            out.append((votes + 1) / (len(trees) + 2))
        return out
