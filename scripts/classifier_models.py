#!/usr/bin/python3
"""PyTorch twins of EcgStream's beat classifiers (src/Model/Classification/ClassifierParameters.cs).

Each module's state_dict names and shapes are exactly the tensor names of our classifier files, so a file
written by ClassifierFile.Save loads here with load_state_dict(strict=True) and gives the same outputs
(scripts/check_classifier_pytorch.py checks that). Input: beats [B, L] (one channel), already normalised;
output: logits [B, classes]. Dropout is active only in train() mode, as in our trainer.

  conv1d       conv1 Conv1d(1->32, k7, pad 3) ReLU MaxPool(2)  -> conv2 Conv1d(32->64, k5, pad 2) ReLU MaxPool(2)
               -> conv3 Conv1d(64->128, k3, pad 1) ReLU MaxPool(2) -> mean over time -> Dropout -> fc Linear(128->C)
  lstm         lstm1 LSTM(1->32) -> lstm2 LSTM(32->32) -> h_T -> Dropout -> fc Linear(32->C)
  conv1d-lstm  conv1, conv2 as above -> lstm LSTM(64->64) over the pooled sequence -> h_T -> Dropout -> fc Linear(64->C)
"""
import torch
from torch import nn
import torch.nn.functional as F


class Conv1dClassifier(nn.Module):
    def __init__(self, classes=5, dropout=0.3):
        super().__init__()
        self.conv1 = nn.Conv1d(1, 32, kernel_size=7, padding=3)
        self.conv2 = nn.Conv1d(32, 64, kernel_size=5, padding=2)
        self.conv3 = nn.Conv1d(64, 128, kernel_size=3, padding=1)
        self.pool = nn.MaxPool1d(2)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(128, classes)

    def forward(self, x):
        x = x.unsqueeze(1)  # [B, 1, L]
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = self.pool(F.relu(self.conv3(x)))
        x = x.mean(dim=2)  # global average pooling over time
        return self.fc(self.dropout(x))


class LstmClassifier(nn.Module):
    def __init__(self, classes=5, dropout=0.3):
        super().__init__()
        self.lstm1 = nn.LSTM(1, 32, batch_first=True)
        self.lstm2 = nn.LSTM(32, 32, batch_first=True)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(32, classes)

    def forward(self, x):
        x, _ = self.lstm1(x.unsqueeze(2))  # [B, L, 1] -> [B, L, 32]
        x, _ = self.lstm2(x)
        return self.fc(self.dropout(x[:, -1, :]))  # many-to-one: the last hidden state


class Conv1dLstmClassifier(nn.Module):
    def __init__(self, classes=5, dropout=0.3):
        super().__init__()
        self.conv1 = nn.Conv1d(1, 32, kernel_size=7, padding=3)
        self.conv2 = nn.Conv1d(32, 64, kernel_size=5, padding=2)
        self.pool = nn.MaxPool1d(2)
        self.lstm = nn.LSTM(64, 64, batch_first=True)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(64, classes)

    def forward(self, x):
        x = x.unsqueeze(1)
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))  # [B, 64, L/4]
        x, _ = self.lstm(x.transpose(1, 2))  # over the pooled sequence, [B, L/4, 64]
        return self.fc(self.dropout(x[:, -1, :]))


ARCHITECTURES = {"conv1d": Conv1dClassifier, "lstm": LstmClassifier, "conv1d-lstm": Conv1dLstmClassifier}


def create(architecture, classes=5, dropout=0.3):
    """The twin of our architecture name ("conv1d", "lstm", "conv1d-lstm")."""
    if architecture not in ARCHITECTURES:
        raise ValueError("unknown architecture %r (expected one of %s)" % (architecture, ", ".join(ARCHITECTURES)))
    return ARCHITECTURES[architecture](classes, dropout)
