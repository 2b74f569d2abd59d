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

    def __init__(self, encoder) -> None:
        self.layers = []
        for layer in encoder.layers:
            conv, norm = layer.conv, layer.norm
            weight = conv.weight.array  # filters x in x kernel
            kernels = [np.ascontiguousarray(weight[:, :, k].T) for k in range(weight.shape[2])]
            scale = (norm.weight.array / norm.std.array).astype(weight.dtype)
            shift = (norm.bias.array - norm.mean.array * scale).astype(weight.dtype)
            self.layers.append((kernels, conv.bias.array, conv.padding, scale, shift))

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
