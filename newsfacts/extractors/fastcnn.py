"""A faster forward pass for slovnet's CNN encoder (the bulk of NER time).

slovnet builds each convolution as an im2col copy in channels-first layout,
over batches padded to their longest sentence, and transposes between layers.
Here sentences are packed one after another as rows (no padding but one zero
row between them), one matmul per layer covers all kernel positions (their columns
side by side), and batch norm is folded into one scale and shift. Same
weights, same float operations per row; the tests check that the tags agree
with slovnet's own model.
"""

from __future__ import annotations

import numpy as np


def fold_norm(dtype, weight: np.ndarray, bias: np.ndarray, mean: np.ndarray, std: np.ndarray):
    """Batch norm after the ReLU as one scale and shift per filter: x * scale + shift."""
    scale = (weight / std).astype(dtype)
    return scale, (bias - mean * scale).astype(dtype)


def _relu_norm(x: np.ndarray, scale: np.ndarray, shift: np.ndarray) -> None:
    """ReLU, then the folded batch norm, in place (slovnet's order of operations)."""
    np.maximum(x, 0, out=x)
    x *= scale
    x += shift


def _layers(model, config: dict) -> list[dict]:
    """The arrays of each layer of a slovnet ``encoder`` description."""
    return [
        {"weight": model.weight(x["conv"]["weight"]), "bias": model.weight(x["conv"]["bias"]),
         "padding": x["conv"]["padding"],
         "norm_weight": model.weight(x["norm"]["weight"]), "norm_bias": model.weight(x["norm"]["bias"]),
         "mean": model.weight(x["norm"]["mean"]), "std": model.weight(x["norm"]["std"])}
        for x in config["layers"]
    ]


class FastCNNEncoder:
    """slovnet's ``CNNEncoder`` (conv, ReLU, batch norm per layer) over packed rows."""

    def __init__(self, layers: list[dict[str, np.ndarray | int]]) -> None:
        """`layers`: per layer the conv ``weight``, ``bias``, ``padding`` and the norm's
        ``norm_weight``, ``norm_bias``, ``mean``, ``std`` (slovnet's arrays)."""
        self.layers = []
        for layer in layers:
            weight = layer["weight"]  # filters x in x kernel
            filters, _, size = weight.shape
            # all kernel positions side by side: one matmul per layer, each position's
            # columns bit-identical to its own matmul
            kernels = np.ascontiguousarray(np.concatenate([weight[:, :, k].T for k in range(size)], axis=1))
            norm = (layer["norm_weight"], layer["norm_bias"], layer["mean"], layer["std"])
            scale, shift = fold_norm(weight.dtype, *norm)
            if size != 3 or layer["padding"] != 1:
                raise ValueError("packed rows need kernel 3, padding 1 (one row either side of a sentence)")
            self.layers.append((kernels, size, filters, layer["bias"], scale, shift))
        self.in_dim = layers[0]["weight"].shape[1] if layers else 0

    @classmethod
    def from_model(cls, model, config: dict) -> FastCNNEncoder:
        """From a `models.SlovnetModel` and its ``encoder`` description."""
        return cls(_layers(model, config))

    def __call__(self, rows: np.ndarray, blank: np.ndarray, inverse: np.ndarray | None = None) -> np.ndarray:
        """Encode sentences packed one after another: `rows` is (n, in), `blank` the indexes
        of rows that are no token (a zero row first, and one after each sentence). Every
        layer sees each sentence as slovnet's padded batch shows it: zeros at both ends,
        outputs past the end zeroed. Returns (n, out) with the blank rows zero.

        With `inverse`, `rows` holds only the distinct rows and row i of the packed input is
        ``rows[inverse[i]]``: the first layer (two thirds of the work) multiplies each distinct
        token once and gathers the products (news repeats its tokens: a 4,096-row pack has
        about a third as many distinct ones). Each product row is the same dot products."""
        x = rows
        n = len(rows) if inverse is None else len(inverse)
        for layer, (kernels, size, filters, bias, scale, shift) in enumerate(self.layers):
            y = (x @ kernels).reshape(len(x), size, filters)
            out = np.empty((n, filters), y.dtype)
            out[0] = out[n - 1] = 0  # the first and last rows are always blank
            body = out[1 : n - 1]
            if layer == 0 and inverse is not None:
                # each kernel position's products gathered straight into the sum (no n x 3
                # filters copy), the bias added once per distinct row: the same sums
                first = y[:, 0]
                first += bias
                np.take(first, inverse[0 : n - 2], axis=0, out=body, mode="clip")
                for k in range(1, size):
                    body += np.take(y[:, k], inverse[k : n - 2 + k], axis=0, mode="clip")
            else:
                np.add(y[0 : n - 2, 0], bias, out=body)
                for k in range(1, size):
                    body += y[k : n - 2 + k, k]
            _relu_norm(body, scale, shift)
            out[blank] = 0
            x = out
        return x


class PaddedCNNEncoder:
    """slovnet's ``CNNEncoder`` over padded batches, channels-last: the syntax model's
    (`syntaxnet`), whose batches are padded; NER uses the packed `FastCNNEncoder` above.
    """

    def __init__(self, layers: list[dict[str, np.ndarray | int]]) -> None:
        """`layers`: as for `FastCNNEncoder`."""
        self.layers = []
        for layer in layers:
            weight = layer["weight"]  # filters x in x kernel
            kernels = [np.ascontiguousarray(weight[:, :, k].T) for k in range(weight.shape[2])]
            norm = (layer["norm_weight"], layer["norm_bias"], layer["mean"], layer["std"])
            scale, shift = fold_norm(weight.dtype, *norm)
            self.layers.append((kernels, layer["bias"], layer["padding"], scale, shift))

    @classmethod
    def from_model(cls, model, config: dict) -> PaddedCNNEncoder:
        """From a `models.SlovnetModel` and its ``encoder`` description."""
        return cls(_layers(model, config))

    def __call__(self, input: np.ndarray, mask: np.ndarray, inverse: np.ndarray | None = None) -> np.ndarray:
        """`input` is (batch, length, in); with `inverse` (batch, length), `input` holds only
        the distinct rows, (n, in), and position (b, i) is ``input[inverse[b, i]]``: the first
        layer multiplies each distinct token once (the same dot products) and gathers them."""
        x = input
        batch, length = mask.shape
        for layer, (kernels, bias, padding, scale, shift) in enumerate(self.layers):
            plen = length + 2 * padding
            windows = plen - len(kernels) + 1
            out = None
            if layer == 0 and inverse is not None:
                # the convolution's zero padding: one zero row after the distinct ones
                index = np.full((batch, plen), len(x))
                index[:, padding : padding + length] = inverse
                x = np.concatenate((x, np.zeros((1, x.shape[1]), x.dtype)))
                for k, kernel in enumerate(kernels):
                    y = x @ kernel
                    if out is None:
                        y += bias  # once per distinct row: the same sums as once per position
                        out = np.take(y, index[:, :windows], axis=0, mode="clip")
                    else:
                        out += np.take(y, index[:, k : k + windows], axis=0, mode="clip")
            else:
                padded = np.pad(x, ((0, 0), (padding, padding), (0, 0)))
                flat = padded.reshape(batch * plen, -1)
                for k, kernel in enumerate(kernels):
                    part = (flat @ kernel).reshape(batch, plen, -1)[:, k : k + windows]
                    if out is None:
                        out = part + bias
                    else:
                        out += part
            _relu_norm(out, scale, shift)
            out[mask] = 0
            x = out
        return x
