/**
 * Unrolled's numeric engine: RNN / LSTM / GRU with PyTorch's equations and state_dict layout,
 * exact BPTT, optimizers, analysis tools and sampling. Pure TypeScript, float64 throughout.
 */
export type {
  BackwardResult, CellType, GruGates, InitState, LayerStep, LstmGates, Model, ModelConfig, NormalizedConfig,
  ParamEntry, RnnGates, StateDict, StateDictInput, Trace, TraceStep,
} from './types';
export { createModel, fromStateDict, toStateDict, cloneModel, modelConfig, paramCount } from './model';
export { ALL_GATE_NAMES, CELLS, cellDescriptor, gateCount, gateNames } from './cells';
export type { CellDescriptor, GateActivation, GateName } from './cells';
export { forward, forwardSteps } from './forward';
export { topLayerStates } from './states';
export { backward } from './backward';
export type { BackwardOptions } from './backward';
export { clipGradNorm, clipGradValue, createOptimizer } from './optim';
export type { FlatOptimizer, Optimizer, OptimizerOptions } from './optim';
export { trainStep, trainStepTokens, trainBatch, newBatchSum, addBatchItem, addBatchItemPieces, finishBatch } from './train';
export { PIECE_MACS, drain, type Pieces } from './pieces';
export type { BatchItem, BatchSum, TrainOptions, TrainResult } from './train';
export { singularValues, singularValuesFlat, singularValuesSteps } from './svd';
export { pca, pcaSteps, project, classSeparation, covariance, JACOBI_MAX } from './pca';
export type { Pca, PcaOptions } from './pca';
export { gradientFlow, gradientDistanceCurve, inspectionGradients, inspectionGradientsSteps, perStepGradNorms } from './flow';
export type { InspectionGradients, PerStepGradNorms } from './flow';
export { rescaleRecurrent, recurrentBlocks } from './recurrent';
export type { GateBlock, RecurrentBlock } from './recurrent';
export { numericGradient, gradCheck } from './gradcheck';
export type { GradCheckResult } from './gradcheck';
export { softmaxWithTemperature, sampleToken, generate } from './sampling';
export type { SampleOptions } from './sampling';
export { argmax, buildVocab, decode, encode, oneHot, oneHotRows } from './tokens';
export type { Vocab } from './tokens';
export * from './rng';
export type * from './tasks/types';
export type { ModelTrace } from './inspection';
export { parseModelFile, parseModelText, serializeModel, ModelFileError, MODEL_FILE_FORMAT, MODEL_FILE_MAX_NUMBERS, type ParsedModelFile, type SerializeOptions, type ModelFileErrorParams } from './pytorch';
export * from './limits';
export { hiddenStates, hiddenStatesSteps, stateQuantities, type StateCarry } from './states';
