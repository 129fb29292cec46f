// Built once at module scope: React Flow warns (error002) when nodeTypes changes between renders.
import type { NodeTypes } from '@xyflow/react';
import { AnthropicCompletionNode } from './AnthropicCompletionNode';
import { EmbeddingGenerateNode } from './EmbeddingGenerateNode';
import { GroqCompletionNode } from './GroqCompletionNode';
import { LlmRouterNode } from './LlmRouterNode';
import { OpenaiCompletionNode } from './OpenaiCompletionNode';
import { PromptTemplateNode } from './PromptTemplateNode';
import { StreamResponseNode } from './StreamResponseNode';
import { TextJoinNode } from './TextJoinNode';
import { UnknownNode } from './UnknownNode';

export const nodeTypes: NodeTypes = {
  promptTemplate: PromptTemplateNode,
  anthropicCompletion: AnthropicCompletionNode,
  openaiCompletion: OpenaiCompletionNode,
  groqCompletion: GroqCompletionNode,
  embeddingGenerate: EmbeddingGenerateNode,
  llmRouter: LlmRouterNode,
  streamResponse: StreamResponseNode,
  textJoin: TextJoinNode,
  unknown: UnknownNode,
};

