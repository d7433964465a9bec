"""1-NN Euclidean baseline for the beat classifier, on the same splits as train-classifier.

ucr:  every TEST beat gets the class of its nearest TRAIN beat (the UCR archive's own baseline, published at 0.925).
seed: every beat of the seed-protocol test split (read from a scores CSV written by
      `evaluate-classifier --scores`, which lists the test beats by file and row) gets the class of its nearest
      non-test beat.
Usage: /usr/bin/python3 scripts/classifier_nn_baseline.py DATA_DIR SEED_TEST_SCORES_CSV
Needs only torch (Debian python3-torch); prints accuracy, macro recall and per-class recall with supports.
"""
import csv
import sys

import torch


def load(path):
    rows = [list(map(float, line.split())) for line in open(path) if line.strip()]
    table = torch.tensor(rows, dtype=torch.float64)
    return table[:, 0].long() - 1, table[:, 1:]


def report(name, predicted, truth):
    support = [(truth == c).sum().item() for c in range(5)]
    # Macro recall over the classes present in the truth, as the trainer's metrics define it.
    present = [c for c in range(5) if support[c] > 0]
    recalls = [((predicted == c) & (truth == c)).sum().item() / max(1, support[c]) for c in range(5)]
    accuracy = (predicted == truth).double().mean().item()
    print(f"{name}: accuracy {accuracy:.4f}, macro recall {sum(recalls[c] for c in present) / len(present):.4f}, "
          f"recall per class {[round(r, 3) for r in recalls]}, support {support}")


def main():
    data, scores = sys.argv[1], sys.argv[2]
    y_train, x_train = load(f"{data}/ECG5000_TRAIN.txt")
    y_test, x_test = load(f"{data}/ECG5000_TEST.txt")
    report("ucr 1-NN", y_train[torch.cdist(x_test, x_train).argmin(1)], y_test)

    y, x = torch.cat([y_train, y_test]), torch.cat([x_train, x_test])
    offset = {"ECG5000_TRAIN.txt": 0, "ECG5000_TEST.txt": len(y_train)}
    test = [offset[row["source_file"]] + int(row["row"]) for row in csv.DictReader(open(scores))]
    rest = torch.ones(len(y), dtype=torch.bool)
    rest[test] = False
    report(f"seed 1-NN ({len(test)} test beats)", y[rest][torch.cdist(x[test], x[rest]).argmin(1)], y[test])


if __name__ == "__main__":
    main()
