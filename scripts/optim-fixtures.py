"""
Writes src/engine/optim-torch.fixture.json: parameters after each of four steps of torch.optim's
SGD, Adam, Adagrad (weight_decay, coupled into the gradient) and AdamW (decoupled decay), in float64,
from fixed starting values and fixed gradients. The engine's tests replay the same steps.

    python3 scripts/optim-fixtures.py
"""
import json
import os

import torch

torch.set_default_dtype(torch.float64)

P = 15
STEPS = 4
p0 = [round(0.9 * ((-1) ** i) * (1 + 0.37 * i) / (1 + 0.11 * i * i), 6) for i in range(P)]
grads = [[round(0.5 * ((-1) ** (i + s)) * (0.3 + ((i * 7 + s * 3) % 11) / 10), 6) for i in range(P)] for s in range(STEPS)]
grads[1][3] = 0.0  # a zero gradient: only the decay moves that weight

CASES = [
    ('sgd wd 0.1', {'type': 'sgd', 'lr': 0.1, 'weightDecay': 0.1}, lambda ps: torch.optim.SGD(ps, lr=0.1, weight_decay=0.1)),
    ('sgd momentum 0.9 wd 0.05', {'type': 'sgd', 'lr': 0.05, 'momentum': 0.9, 'weightDecay': 0.05},
     lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, weight_decay=0.05)),
    ('adam wd 0.1', {'type': 'adam', 'lr': 0.01, 'weightDecay': 0.1}, lambda ps: torch.optim.Adam(ps, lr=0.01, weight_decay=0.1)),
    ('adam betas (0.5, 0.9) eps 1e-3 wd 0.5', {'type': 'adam', 'lr': 0.05, 'betas': [0.5, 0.9], 'eps': 1e-3, 'weightDecay': 0.5},
     lambda ps: torch.optim.Adam(ps, lr=0.05, betas=(0.5, 0.9), eps=1e-3, weight_decay=0.5)),
    ('adagrad wd 0.2', {'type': 'adagrad', 'lr': 0.1, 'weightDecay': 0.2}, lambda ps: torch.optim.Adagrad(ps, lr=0.1, weight_decay=0.2)),
    ('adamw defaults (wd 0.01)', {'type': 'adamw', 'lr': 0.01}, lambda ps: torch.optim.AdamW(ps, lr=0.01)),
    ('adamw wd 0.3', {'type': 'adamw', 'lr': 0.02, 'weightDecay': 0.3}, lambda ps: torch.optim.AdamW(ps, lr=0.02, weight_decay=0.3)),
    ('adamw betas (0.8, 0.95) eps 1e-4 wd 1', {'type': 'adamw', 'lr': 0.05, 'betas': [0.8, 0.95], 'eps': 1e-4, 'weightDecay': 1.0},
     lambda ps: torch.optim.AdamW(ps, lr=0.05, betas=(0.8, 0.95), eps=1e-4, weight_decay=1.0)),
    ('adamw wd 0 equals adam', {'type': 'adamw', 'lr': 0.01, 'weightDecay': 0}, lambda ps: torch.optim.AdamW(ps, lr=0.01, weight_decay=0)),
]

cases = []
for name, options, make in CASES:
    p = torch.tensor(p0, requires_grad=True)
    opt = make([p])
    after = []
    for s in range(STEPS):
        p.grad = torch.tensor(grads[s])
        opt.step()
        after.append(p.detach().tolist())
    cases.append({'name': name, 'options': options, 'after': after})

out = {'torch': torch.__version__, 'p0': p0, 'grads': grads, 'cases': cases}
path = os.path.join(os.path.dirname(__file__), '..', 'src', 'engine', 'optim-torch.fixture.json')
with open(path, 'w') as f:  # one array per line: readable diffs, a small file
    f.write('{\n "torch": %s,\n "p0": %s,\n "grads": [\n  %s\n ],\n "cases": [\n' % (
        json.dumps(out['torch']), json.dumps(p0), ',\n  '.join(json.dumps(g) for g in grads)))
    f.write(',\n'.join('  {"name": %s, "options": %s, "after": [\n   %s\n  ]}' % (
        json.dumps(c['name']), json.dumps(c['options']), ',\n   '.join(json.dumps(a) for a in c['after'])) for c in cases))
    f.write('\n ]\n}\n')
print('wrote', os.path.normpath(path))
