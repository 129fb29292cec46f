/** Accent colour of each node kind, shared by its card and the minimap. */
export const ACCENTS: Record<string, string> = {
  promptTemplate: '#7c9cff',
  anthropicCompletion: '#d97757',
  openaiCompletion: '#10a37f',
  groqCompletion: '#f55036',
  embeddingGenerate: '#b48ead',
  llmRouter: '#e5c07b',
  streamResponse: '#56b6c2',
  textJoin: '#98c379',
  unknown: '#888888',
};
