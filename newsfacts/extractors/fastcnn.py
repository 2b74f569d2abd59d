"""A faster forward pass for slovnet's CNN encoder (the bulk of NER time).

slovnet builds each convolution as an im2col copy in channels-first layout and
transposes between layers. Here the data stays (batch, length, channels), each
kernel position is one contiguous matmul, and batch norm is folded into one
scale and shift. Same weights, same arithmetic up to float rounding; the tests
check that the tags agree with slovnet's own encoder.
"""

from __future__ import annotations

import numpy as np


class FastCNNEncoder:
    """Drop-in replacement for ``slovnet.exec.model.CNNEncoder.__call__``."""

    def __init__(self, layers: list[dict[str, np.ndarray | int]]) -> None:
        """`layers`: per layer the conv ``weight``, ``bias``, ``padding`` and the norm's
        ``norm_weight``, ``norm_bias``, ``mean``, ``std`` (slovnet's arrays)."""
        self.layers = []
        for layer in layers:
            weight = layer["weight"]  # filters x in x kernel
            kernels = [np.ascontiguousarray(weight[:, :, k].T) for k in range(weight.shape[2])]
            scale = (layer["norm_weight"] / layer["std"]).astype(weight.dtype)
            shift = (layer["norm_bias"] - layer["mean"] * scale).astype(weight.dtype)
            self.layers.append((kernels, layer["bias"], layer["padding"], scale, shift))

    @classmethod
    def from_slovnet(cls, encoder) -> FastCNNEncoder:
        """From a loaded ``slovnet.exec.model.CNNEncoder``."""
        return cls([
            {"weight": x.conv.weight.array, "bias": x.conv.bias.array, "padding": x.conv.padding,
             "norm_weight": x.norm.weight.array, "norm_bias": x.norm.bias.array,
             "mean": x.norm.mean.array, "std": x.norm.std.array}
            for x in encoder.layers
        ])

    @classmethod
    def from_model(cls, model, config: dict) -> FastCNNEncoder:
        """From a `models.SlovnetModel` and its ``encoder`` description."""
        return cls([
            {"weight": model.weight(x["conv"]["weight"]), "bias": model.weight(x["conv"]["bias"]),
             "padding": x["conv"]["padding"],
             "norm_weight": model.weight(x["norm"]["weight"]), "norm_bias": model.weight(x["norm"]["bias"]),
             "mean": model.weight(x["norm"]["mean"]), "std": model.weight(x["norm"]["std"])}
            for x in config["layers"]
        ])

    def __call__(self, input: np.ndarray, mask: np.ndarray) -> np.ndarray:
        x = input
        batch, length = x.shape[:2]
        for kernels, bias, padding, scale, shift in self.layers:
            padded = np.pad(x, ((0, 0), (padding, padding), (0, 0)))
            plen = length + 2 * padding
            windows = plen - len(kernels) + 1
            flat = padded.reshape(batch * plen, -1)
            out = None
            for k, kernel in enumerate(kernels):
                part = (flat @ kernel).reshape(batch, plen, -1)[:, k : k + windows]
                out = part + bias if out is None else out + part
            np.maximum(out, 0, out=out)
            out *= scale
            out += shift
            out[mask] = 0
            x = out
        return x
