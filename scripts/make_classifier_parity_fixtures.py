#!/usr/bin/python3
"""Writes the beat classifier's PyTorch parity fixtures in tests/Parity/ (run with /usr/bin/python3, torch 1.13).

classifier_layers.safetensors: one small case per layer, each "<case>.<tensor>". Activations are stored in our
channels-last layout [B, L, C] (PyTorch's [B, C, L] transposed); LSTM sequences time-major [T, B, I]. Every backward
case uses the loss sum(y * upstream), so dx = the gradient of that loss, with "upstream" a fixed random tensor.
  conv_a, conv_b   Conv1d(4->6, k5, pad 2) and Conv1d(1->8, k7, pad 3): weight, bias, input, output, upstream,
                   grad.input, grad.weight, grad.bias
  relu_pool        MaxPool1d(2)(ReLU(x)) over an odd length (9): input, output, upstream, grad.input
  average          x.mean(dim=time): input, output, upstream, grad.input
  linear           nn.Linear(7->5): weight, bias, input, output, upstream, grad.input, grad.weight, grad.bias
  lstm_last        nn.LSTM(3->6) many-to-one (h_T): the four tensors, input [T, B, I], output [B, H], upstream,
                   grad.input, grad.<name>
  loss             nn.CrossEntropyLoss(reduction='mean'), plain and with weight=class_weights: logits, labels (F32),
                   class_weights, loss.plain, loss.weighted, grad.plain, grad.weighted (d loss / d logits)

classifier_<arch>.safetensors (arch = conv1d, lstm, conv1d-lstm), the twin of scripts/classifier_models.py:
  param.<name>     I8 codes, weight = float32(code) * param_scale[i] (state_dict order), so both sides start from
                   bit-identical weights and the file stays small
  small.*          L = metadata small_length (24), batch 6: input [B, L], labels, class_weights, logits,
                   loss.plain, loss.weighted, grad.weighted.<name> (dropout off)
  full.*           L = 140, batch 4: input, logits, probabilities (the real size, forward only)
"""
import os

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

from classifier_models import create
from make_parity_fixtures import write_safetensors

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "Parity")
CLASS_WEIGHTS = [0.5, 2.0, 1.0, 3.0, 0.25]


def np32(t):
    return t.detach().cpu().numpy().astype(np.float32)


def channels_last(t):
    return np32(t.transpose(1, 2))  # [B, C, L] -> [B, L, C]


def layer_fixtures():
    torch.manual_seed(101)
    out = []

    for case, (cin, cout, k, length) in {"conv_a": (4, 6, 5, 11), "conv_b": (1, 8, 7, 13)}.items():
        conv = nn.Conv1d(cin, cout, k, padding=k // 2)
        x = torch.randn(3, cin, length, requires_grad=True)
        y = conv(x)
        upstream = torch.randn_like(y)
        (y * upstream).sum().backward()
        out += [(case + ".weight", np32(conv.weight)), (case + ".bias", np32(conv.bias)),
                (case + ".input", channels_last(x)), (case + ".output", channels_last(y)),
                (case + ".upstream", channels_last(upstream)), (case + ".grad.input", channels_last(x.grad)),
                (case + ".grad.weight", np32(conv.weight.grad)), (case + ".grad.bias", np32(conv.bias.grad))]

    x = torch.randn(3, 5, 9, requires_grad=True)
    y = nn.MaxPool1d(2)(F.relu(x))
    upstream = torch.randn_like(y)
    (y * upstream).sum().backward()
    out += [("relu_pool.input", channels_last(x)), ("relu_pool.output", channels_last(y)),
            ("relu_pool.upstream", channels_last(upstream)), ("relu_pool.grad.input", channels_last(x.grad))]

    x = torch.randn(3, 6, 7, requires_grad=True)
    y = x.mean(dim=2)
    upstream = torch.randn_like(y)
    (y * upstream).sum().backward()
    out += [("average.input", channels_last(x)), ("average.output", np32(y)),
            ("average.upstream", np32(upstream)), ("average.grad.input", channels_last(x.grad))]

    linear = nn.Linear(7, 5)
    x = torch.randn(4, 7, requires_grad=True)
    y = linear(x)
    upstream = torch.randn_like(y)
    (y * upstream).sum().backward()
    out += [("linear.weight", np32(linear.weight)), ("linear.bias", np32(linear.bias)), ("linear.input", np32(x)),
            ("linear.output", np32(y)), ("linear.upstream", np32(upstream)), ("linear.grad.input", np32(x.grad)),
            ("linear.grad.weight", np32(linear.weight.grad)), ("linear.grad.bias", np32(linear.bias.grad))]

    lstm = nn.LSTM(3, 6, batch_first=True)
    x = torch.randn(4, 10, 3, requires_grad=True)  # [B, T, I]
    seq, _ = lstm(x)
    y = seq[:, -1, :]
    upstream = torch.randn_like(y)
    (y * upstream).sum().backward()
    out += [("lstm_last." + n, np32(p)) for n, p in lstm.named_parameters()]
    out += [("lstm_last.input", np32(x.transpose(0, 1))), ("lstm_last.output", np32(y)),
            ("lstm_last.upstream", np32(upstream)), ("lstm_last.grad.input", np32(x.grad.transpose(0, 1)))]
    out += [("lstm_last.grad." + n, np32(p.grad)) for n, p in lstm.named_parameters()]

    logits = (torch.randn(7, 5) * 2).requires_grad_(True)
    labels = torch.tensor([0, 1, 2, 3, 4, 0, 3])
    weights = torch.tensor(CLASS_WEIGHTS)
    plain = nn.CrossEntropyLoss(reduction="mean")(logits, labels)
    (grad_plain,) = torch.autograd.grad(plain, logits)
    weighted = nn.CrossEntropyLoss(weight=weights, reduction="mean")(logits, labels)
    (grad_weighted,) = torch.autograd.grad(weighted, logits)
    out += [("loss.logits", np32(logits)), ("loss.labels", labels.numpy().astype(np.float32)),
            ("loss.class_weights", np32(weights)), ("loss.loss.plain", np.array([plain.item()], np.float32)),
            ("loss.loss.weighted", np.array([weighted.item()], np.float32)),
            ("loss.grad.plain", np32(grad_plain)), ("loss.grad.weighted", np32(grad_weighted))]
    write_safetensors(os.path.join(OUT_DIR, "classifier_layers.safetensors"), out, {"seed": "101"})


def quantise(model):
    """Replaces every parameter by float32(q) * scale with q an int8 code; returns the codes and scales."""
    codes, scales = [], []
    with torch.no_grad():
        for name, p in model.state_dict().items():
            scale = np.float32(np.abs(p.numpy()).max() / 127.0)
            q = np.clip(np.round(p.numpy() / scale), -127, 127).astype(np.int8)
            p.copy_(torch.from_numpy(q.astype(np.float32) * scale))
            codes.append(("param." + name, q))
            scales.append(scale)
    return codes, np.array(scales, np.float32)


def architecture_fixture(architecture, seed):
    torch.manual_seed(seed)
    model = create(architecture, dropout=0.0)
    codes, scales = quantise(model)
    out = codes + [("param_scale", scales)]
    weights = torch.tensor(CLASS_WEIGHTS)

    small_length = 24
    x = torch.randn(6, small_length) * 1.5
    labels = torch.tensor([0, 1, 2, 3, 4, 2])
    model.train()
    logits = model(x)
    plain = nn.CrossEntropyLoss()(logits, labels)
    weighted = nn.CrossEntropyLoss(weight=weights)(logits, labels)
    model.zero_grad()
    weighted.backward()
    out += [("small.input", np32(x)), ("small.labels", labels.numpy().astype(np.float32)),
            ("small.class_weights", np32(weights)), ("small.logits", np32(logits)),
            ("small.loss.plain", np.array([plain.item()], np.float32)),
            ("small.loss.weighted", np.array([weighted.item()], np.float32))]
    out += [("small.grad.weighted." + n, np32(p.grad)) for n, p in model.named_parameters()]

    model.eval()
    x = torch.randn(4, 140) * 1.5
    with torch.no_grad():
        logits = model(x)
    out += [("full.input", np32(x)), ("full.logits", np32(logits)), ("full.probabilities", np32(torch.softmax(logits, dim=1)))]
    path = os.path.join(OUT_DIR, "classifier_%s.safetensors" % architecture)
    write_safetensors(path, out, {"architecture": architecture, "small_length": str(small_length), "seed": str(seed)})
    print("%s: %d bytes" % (path, os.path.getsize(path)))


def main():
    torch.set_num_threads(1)
    layer_fixtures()
    for seed, architecture in enumerate(["conv1d", "lstm", "conv1d-lstm"], start=201):
        architecture_fixture(architecture, seed)


if __name__ == "__main__":
    main()
