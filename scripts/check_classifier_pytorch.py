#!/usr/bin/python3
"""Loads a beat classifier file written by EcgStream into its PyTorch twin and checks that the outputs match.

usage: /usr/bin/python3 scripts/check_classifier_pytorch.py MODEL.safetensors OUTPUTS.safetensors [ROUNDTRIP.safetensors]

MODEL is a file written by ClassifierFile.Save; its metadata "architecture" picks the twin in scripts/classifier_models.py,
and the weights load with load_state_dict(strict=True), so a missing, extra or wrongly shaped tensor fails here.
OUTPUTS holds "input" [N, L] beats and the "probabilities" [N, C] that EcgStream's BeatClassifier gave for them (the
Benchmarks program's `classifier-export --arch A --out DIR` writes both files). The twin runs in eval mode and its
probabilities must match: max |difference| <= 1e-6, and the centred log-probabilities (the logits up to a constant)
within 1e-4 relative. With ROUNDTRIP, the twin's state_dict is written back with our metadata plus
provenance.roundtrip = "pytorch" (ClassifierFile.Load must read it: tests/Parity/classifier_pytorch_roundtrip.safetensors).
"""
import sys

import numpy as np
import torch

from classifier_models import create
from make_parity_fixtures import write_safetensors
from roundtrip_pytorch import read_safetensors


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    model_path, outputs_path = sys.argv[1], sys.argv[2]
    tensors, metadata = read_safetensors(model_path)
    if metadata.get("kind") != "classifier":
        print("%s: metadata kind is %r, not 'classifier'" % (model_path, metadata.get("kind")), file=sys.stderr)
        return 1
    architecture = metadata["architecture"]
    model = create(architecture, classes=int(metadata["class_count"]))
    model.load_state_dict({k: torch.from_numpy(v) for k, v in tensors.items()}, strict=True)
    model.eval()

    outputs, _ = read_safetensors(outputs_path)
    with torch.inference_mode():
        logits = model(torch.from_numpy(outputs["input"]))
        ours = torch.from_numpy(outputs["probabilities"]).double()
        theirs = torch.softmax(logits, dim=1).double()
    max_difference = (ours - theirs).abs().max().item()
    centred_ours = ours.log() - ours.log().mean(dim=1, keepdim=True)
    centred_theirs = theirs.log() - theirs.log().mean(dim=1, keepdim=True)
    relative = ((centred_ours - centred_theirs).norm() / centred_theirs.norm()).item()
    ok = max_difference <= 1e-6 and relative <= 1e-4
    print("%s (%s, %d parameters): strict load ok; %d beats: max |p_ours - p_torch| = %.2e, centred log-p relative error = %.2e: %s"
          % (model_path, architecture, sum(p.numel() for p in model.parameters()), ours.shape[0], max_difference, relative,
             "MATCH" if ok else "MISMATCH"))

    if len(sys.argv) == 4:
        state = [(k, v.detach().numpy().astype(np.float32)) for k, v in model.state_dict().items()]
        write_safetensors(sys.argv[3], state, dict(metadata, **{"provenance.roundtrip": "pytorch"}))
        print("wrote %s: %d tensors from the twin's state_dict" % (sys.argv[3], len(state)))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
