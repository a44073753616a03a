"""
Writes src/engine/states-torch.fixture.json: a small character LSTM built in torch float64 with a
vocabulary of its own (30 characters in an order unlike the page's), saved as a user would save it
for the page's model-file input ({"state_dict", "vocab"}; an nn.Embedding in front, two layers),
a passage, and what torch computes after every character of it: h and c of both layers and the
four gates i, f, g, o of the top layer. The engine's tests and the neuron explorer's e2e test read
the same file and compare at 1e-9 relative.

    python3 scripts/neuron-fixtures.py
"""
import json
import os

import torch

torch.set_default_dtype(torch.float64)
torch.manual_seed(7)

VOCAB = list("zyxwvutsrqponmlkjihgfedcba .,'")  # 30 characters, reversed alphabet first
V, E, H, LAYERS = len(VOCAB), 10, 10, 2
PASSAGE = "the cat sat on a mat, 'so it was,' said the old dog."


class CharLstm(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Embedding(V, E)
        self.lstm = torch.nn.LSTM(E, H, num_layers=LAYERS, batch_first=True)
        self.head = torch.nn.Linear(H, V)

    def forward(self, ids):
        out, _ = self.lstm(self.embed(ids))
        return self.head(out)


model = CharLstm()
with torch.no_grad():
    # larger than PyTorch's U(-1/sqrt(H), 1/sqrt(H)) so that gates and states take varied values
    for p in model.lstm.parameters():
        p.mul_(2.5)

ids = torch.tensor([[VOCAB.index(ch) for ch in PASSAGE]])
with torch.no_grad():
    x = model.embed(ids)[0]  # [T][E]
    lstm_out, _ = model.lstm(x.unsqueeze(0))
    layers = []
    inp = x
    for l in range(LAYERS):
        w_ih = getattr(model.lstm, f'weight_ih_l{l}')
        w_hh = getattr(model.lstm, f'weight_hh_l{l}')
        b = getattr(model.lstm, f'bias_ih_l{l}') + getattr(model.lstm, f'bias_hh_l{l}')
        h = torch.zeros(H)
        c = torch.zeros(H)
        rec = {k: [] for k in ('h', 'c', 'i', 'f', 'g', 'o')}
        for t in range(len(PASSAGE)):
            z = w_ih @ inp[t] + w_hh @ h + b  # rows i, f, g, o (PyTorch's order)
            i, f, g, o = torch.sigmoid(z[:H]), torch.sigmoid(z[H:2 * H]), torch.tanh(z[2 * H:3 * H]), torch.sigmoid(z[3 * H:])
            c = f * c + i * g
            h = o * torch.tanh(c)
            for k, v in (('h', h), ('c', c), ('i', i), ('f', f), ('g', g), ('o', o)):
                rec[k].append(v.tolist())
        inp = torch.tensor(rec['h'])
        layers.append(rec)
    # the gates worked out by hand give nn.LSTM's own h
    assert torch.allclose(torch.tensor(layers[-1]['h']), lstm_out[0], rtol=0, atol=1e-14)

state_dict = {k: v.tolist() for k, v in model.state_dict().items()}
expected = [{k: rec[k] for k in (('h', 'c') if l < LAYERS - 1 else ('h', 'c', 'i', 'f', 'g', 'o'))} for l, rec in enumerate(layers)]
out = {
    'about': 'torch ' + torch.__version__ + ' float64; written by scripts/neuron-fixtures.py',
    'passage': PASSAGE,
    'file': {'state_dict': state_dict, 'vocab': VOCAB},
    'expected': expected,
}
path = os.path.join(os.path.dirname(__file__), '..', 'src', 'engine', 'states-torch.fixture.json')
with open(path, 'w') as fh:
    json.dump(out, fh, separators=(',', ':'))
print(f'{path}: {os.path.getsize(path)} bytes, T {len(PASSAGE)}, H {H}, V {V}')
