/**
 * The engine in one screen: a small, slow, plainly written RNN / LSTM / GRU with its backward pass
 * through time — plain nested arrays, one line per equation, no buffers and no tricks. The fast
 * engine (forward.ts, backward.ts and the kernels) computes the same numbers; reference.test.ts
 * holds it to this file, and this file to finite differences. PyTorch's equations:
 *   rnn   h' = act(W_ih x + b_ih + W_hh h + b_hh)
 *   lstm  rows i, f, g, o;  c' = f ⊙ c + i ⊙ g;  h' = o ⊙ tanh(c')
 *   gru   rows r, z, n;  n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn));  h' = (1 − z) ⊙ n + z ⊙ h
 * then logits = fc.weight h_top + fc.bias, probs = softmax(logits),
 * loss = Σ_t [targets[t] ≥ 0] (logsumexp(logits_t) − logits_t[targets[t]]).
 */
export type RefCell = 'rnn' | 'lstm' | 'gru';
export interface RefConfig {
  cell: RefCell;
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  numLayers?: number;
  nonlinearity?: 'tanh' | 'relu';
}
export type Mat = number[][];
export type RefStateDict = Record<string, number[] | number[][]>;
export interface RefInit { h?: number[][]; c?: number[][] }
export interface RefLayer { h: number[]; c?: number[]; gates: Record<string, number[]> }
export interface RefStep { layers: RefLayer[]; logits: number[]; probs: number[] }
/** Added to the top layer's c_t (before h_t is formed) and to its h_t, at step t. */
export interface RefPerturb { t: number; dh?: number[]; dc?: number[] }

export const gateCount = (cell: RefCell): number => (cell === 'rnn' ? 1 : cell === 'lstm' ? 4 : 3);

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

function matVec(W: Mat, x: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (const row of W) {
    let s = 0;
    for (let j = 0; j < row.length; j++) s += row[j]! * x[j]!;
    out.push(s);
  }
  return out;
}

const addVec = (a: number[], b: number[]): number[] => a.map((v, i) => v + b[i]!);
const slice = (v: number[], part: number, H: number): number[] => v.slice(part * H, (part + 1) * H);

function mat(sd: RefStateDict, key: string): Mat {
  return (sd[key] as ArrayLike<number>[]).map((row) => Array.from(row));
}
function vec(sd: RefStateDict, key: string): number[] {
  return Array.from(sd[key] as ArrayLike<number>);
}

export function refForward(cfg: RefConfig, sd: RefStateDict, inputs: number[][], init?: RefInit,
  perturb?: RefPerturb): RefStep[] {
  const L = cfg.numLayers ?? 1;
  const H = cfg.hiddenSize;
  let hs: number[][] = [];
  let cs: number[][] = [];
  for (let k = 0; k < L; k++) {
    hs.push(init?.h?.[k] ? Array.from(init.h[k]!) : new Array<number>(H).fill(0));
    cs.push(init?.c?.[k] ? Array.from(init.c[k]!) : new Array<number>(H).fill(0));
  }
  const fcW = mat(sd, 'fc.weight');
  const fcB = vec(sd, 'fc.bias');
  const steps: RefStep[] = [];
  for (let t = 0; t < inputs.length; t++) {
    let x: number[] = inputs[t]!;
    const layers: RefLayer[] = [];
    const newH: number[][] = [];
    const newC: number[][] = [];
    for (let k = 0; k < L; k++) {
      const gi = addVec(matVec(mat(sd, `rnn.weight_ih_l${k}`), x), vec(sd, `rnn.bias_ih_l${k}`));
      const gh = addVec(matVec(mat(sd, `rnn.weight_hh_l${k}`), hs[k]!), vec(sd, `rnn.bias_hh_l${k}`));
      const hit = perturb !== undefined && perturb.t === t && k === L - 1;
      let h: number[];
      let c: number[] | undefined;
      let gates: Record<string, number[]>;
      if (cfg.cell === 'rnn') {
        const a = addVec(gi, gh);
        h = a.map((v) => (cfg.nonlinearity === 'relu' ? Math.max(0, v) : Math.tanh(v)));
        gates = { a };
      } else if (cfg.cell === 'lstm') {
        const pre = addVec(gi, gh);
        const i = slice(pre, 0, H).map(sigmoid);
        const f = slice(pre, 1, H).map(sigmoid);
        const g = slice(pre, 2, H).map(Math.tanh);
        const o = slice(pre, 3, H).map(sigmoid);
        c = f.map((fj, j) => fj * cs[k]![j]! + i[j]! * g[j]!);
        if (hit && perturb.dc) c = addVec(c, perturb.dc);
        const cc = c;
        h = o.map((oj, j) => oj * Math.tanh(cc[j]!));
        gates = { i, f, g, o };
      } else {
        const r = addVec(slice(gi, 0, H), slice(gh, 0, H)).map(sigmoid);
        const z = addVec(slice(gi, 1, H), slice(gh, 1, H)).map(sigmoid);
        const ghn = slice(gh, 2, H);
        const n = slice(gi, 2, H).map((v, j) => Math.tanh(v + r[j]! * ghn[j]!));
        const hPrev = hs[k]!;
        h = n.map((nj, j) => (1 - z[j]!) * nj + z[j]! * hPrev[j]!);
        gates = { r, z, n };
      }
      if (hit && perturb.dh) h = addVec(h, perturb.dh);
      newH.push(h);
      newC.push(c ?? cs[k]!);
      layers.push(c ? { h, c, gates } : { h, gates });
      x = h;
    }
    hs = newH;
    cs = newC;
    const logits = addVec(matVec(fcW, x), fcB);
    const m = Math.max(...logits);
    const e = logits.map((v) => Math.exp(v - m));
    const s = e.reduce((p, q) => p + q, 0);
    steps.push({ layers, logits, probs: e.map((v) => v / s) });
  }
  return steps;
}

export function refLoss(cfg: RefConfig, sd: RefStateDict, inputs: number[][], targets: number[],
  init?: RefInit, perturb?: RefPerturb): number {
  const steps = refForward(cfg, sd, inputs, init, perturb);
  let loss = 0;
  steps.forEach((st, t) => {
    const y = targets[t]!;
    if (y < 0) return;
    const m = Math.max(...st.logits);
    const lse = m + Math.log(st.logits.reduce((p, v) => p + Math.exp(v - m), 0));
    loss += lse - st.logits[y]!;
  });
  return loss;
}

export interface RefGradients {
  /** Σ_t [targets[t] ≥ 0] −log softmax(logits_t)[targets[t]]. */
  loss: number;
  /** ∂loss/∂parameter, under the state-dict keys and shapes of `sd`. */
  grads: RefStateDict;
  /** ∂loss/∂h_0 and (LSTM) ∂loss/∂c_0 per layer. */
  dh0: number[][];
  dc0?: number[][];
}

const zeros = (n: number): number[] => new Array<number>(n).fill(0);
const zerosLike = (v: number[] | number[][]): number[] | number[][] =>
  (Array.isArray(v[0]) ? (v as number[][]).map((row) => zeros(row.length)) : zeros(v.length));
/** Wᵀ v */
const matTVec = (W: Mat, v: number[]): number[] => {
  const out = zeros(W[0]!.length);
  W.forEach((row, i) => row.forEach((w, j) => { out[j]! += w * v[i]!; }));
  return out;
};
/** G += d xᵀ (an outer product into a gradient matrix); b += d. */
const accumulate = (G: Mat, b: number[], d: number[], x: number[]): void => {
  d.forEach((di, i) => {
    b[i]! += di;
    x.forEach((xj, j) => { G[i]![j]! += di * xj; });
  });
};

/**
 * Backpropagation through time, written out: the loss of refLoss and its gradient with respect to
 * every parameter, from the last step back to the first. At each step, for each layer from the top:
 * dh = (what the layer above or the output sends) + (what step t + 1 sent back); then the cell's own
 * derivative gives the pre-activation gradients dGi (of W_ih x + b_ih) and dGh (of W_hh h + b_hh), which
 * give the weight gradients (outer products with x_t and h_{t−1}), the gradient sent down to the layer
 * below (W_ihᵀ dGi) and the one sent back in time (W_hhᵀ dGh, plus the GRU's direct z ⊙ dh path).
 */
export function refBackward(cfg: RefConfig, sd: RefStateDict, inputs: number[][], targets: number[],
  init?: RefInit): RefGradients {
  const L = cfg.numLayers ?? 1;
  const H = cfg.hiddenSize;
  const steps = refForward(cfg, sd, inputs, init);
  const h0 = Array.from({ length: L }, (_, k) => (init?.h?.[k] ? Array.from(init.h[k]!) : zeros(H)));
  const c0 = Array.from({ length: L }, (_, k) => (init?.c?.[k] ? Array.from(init.c[k]!) : zeros(H)));
  const hAt = (t: number, k: number): number[] => (t < 0 ? h0[k]! : steps[t]!.layers[k]!.h);
  const cAt = (t: number, k: number): number[] => (t < 0 ? c0[k]! : steps[t]!.layers[k]!.c!);
  const xAt = (t: number, k: number): number[] => (k === 0 ? inputs[t]! : steps[t]!.layers[k - 1]!.h);
  const grads: RefStateDict = {};
  for (const [key, value] of Object.entries(sd)) grads[key] = zerosLike(value);
  const g = (key: string) => grads[key] as Mat;
  const gv = (key: string) => grads[key] as number[];
  const fcW = mat(sd, 'fc.weight');
  let loss = 0;
  const dhNext = Array.from({ length: L }, () => zeros(H)); // ∂loss/∂h_t arriving from step t + 1
  const dcNext = Array.from({ length: L }, () => zeros(H)); // ∂loss/∂c_t arriving from step t + 1 (LSTM)
  for (let t = inputs.length - 1; t >= 0; t--) {
    const step = steps[t]!;
    let fromAbove = zeros(H);
    const y = targets[t]!;
    if (y >= 0) {
      // loss_t = logsumexp(logits) − logits[y];  ∂loss_t/∂logits = probs − onehot(y)
      loss += -Math.log(step.probs[y]!);
      const dLogits = step.probs.map((p, v) => p - (v === y ? 1 : 0));
      accumulate(g('fc.weight'), gv('fc.bias'), dLogits, step.layers[L - 1]!.h);
      fromAbove = matTVec(fcW, dLogits);
    }
    for (let k = L - 1; k >= 0; k--) {
      const layer = step.layers[k]!;
      const dh = addVec(fromAbove, dhNext[k]!);
      const hPrev = hAt(t - 1, k);
      let dGi: number[];
      let dGh: number[];
      let direct = zeros(H); // a path from h_t to h_{t−1} that skips W_hh (GRU: h_t = … + z ⊙ h_{t−1})
      if (cfg.cell === 'rnn') {
        // h = act(a):  da = dh ⊙ act′(a)
        const a = layer.gates.a!;
        const da = dh.map((d, j) => d * (cfg.nonlinearity === 'relu' ? (a[j]! > 0 ? 1 : 0) : 1 - layer.h[j]! ** 2));
        dGi = da;
        dGh = da;
      } else if (cfg.cell === 'lstm') {
        const { i, f, g: gg, o } = layer.gates as Record<'i' | 'f' | 'g' | 'o', number[]>;
        const c = layer.c!;
        const cPrev = cAt(t - 1, k);
        const tc = c.map(Math.tanh);
        // h = o ⊙ tanh(c):  do = dh ⊙ tanh(c);  dc = dh ⊙ o ⊙ (1 − tanh²c) + (dc from step t + 1)
        const dO = dh.map((d, j) => d * tc[j]!);
        const dc = dh.map((d, j) => d * o[j]! * (1 - tc[j]! ** 2) + dcNext[k]![j]!);
        // c = f ⊙ c_{t−1} + i ⊙ g:  di = dc ⊙ g, df = dc ⊙ c_{t−1}, dg = dc ⊙ i, dc_{t−1} = dc ⊙ f
        const dI = dc.map((d, j) => d * gg[j]!);
        const dF = dc.map((d, j) => d * cPrev[j]!);
        const dG = dc.map((d, j) => d * i[j]!);
        dcNext[k] = dc.map((d, j) => d * f[j]!);
        // through the activations: σ′ = σ(1 − σ), tanh′ = 1 − tanh²
        const pre = [
          ...dI.map((d, j) => d * i[j]! * (1 - i[j]!)), ...dF.map((d, j) => d * f[j]! * (1 - f[j]!)),
          ...dG.map((d, j) => d * (1 - gg[j]! ** 2)), ...dO.map((d, j) => d * o[j]! * (1 - o[j]!)),
        ];
        dGi = pre;
        dGh = pre;
      } else {
        const { r, z, n } = layer.gates as Record<'r' | 'z' | 'n', number[]>;
        // W_hn h_{t−1} + b_hn, the part of n's input that the reset gate scales
        const ghn = addVec(matVec(mat(sd, `rnn.weight_hh_l${k}`).slice(2 * H), hPrev), vec(sd, `rnn.bias_hh_l${k}`).slice(2 * H));
        // h = (1 − z) ⊙ n + z ⊙ h_{t−1}
        const dN = dh.map((d, j) => d * (1 - z[j]!));
        const dZ = dh.map((d, j) => d * (hPrev[j]! - n[j]!));
        direct = dh.map((d, j) => d * z[j]!);
        // n = tanh(W_in x + b_in + r ⊙ ghn)
        const dNpre = dN.map((d, j) => d * (1 - n[j]! ** 2));
        const dRpre = dNpre.map((d, j) => d * ghn[j]! * r[j]! * (1 - r[j]!));
        const dZpre = dZ.map((d, j) => d * z[j]! * (1 - z[j]!));
        dGi = [...dRpre, ...dZpre, ...dNpre];
        dGh = [...dRpre, ...dZpre, ...dNpre.map((d, j) => d * r[j]!)];
      }
      accumulate(g(`rnn.weight_ih_l${k}`), gv(`rnn.bias_ih_l${k}`), dGi, xAt(t, k));
      accumulate(g(`rnn.weight_hh_l${k}`), gv(`rnn.bias_hh_l${k}`), dGh, hPrev);
      dhNext[k] = addVec(matTVec(mat(sd, `rnn.weight_hh_l${k}`), dGh), direct);
      fromAbove = matTVec(mat(sd, `rnn.weight_ih_l${k}`), dGi);
    }
  }
  return cfg.cell === 'lstm' ? { loss, grads, dh0: dhNext, dc0: dcNext } : { loss, grads, dh0: dhNext };
}

