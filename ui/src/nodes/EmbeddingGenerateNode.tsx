import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CanvasNode } from '../graph/workflow';
import { ACCENTS } from './accents';
import { NodeCard } from './NodeCard';
import { EmbeddingSummary } from './summaries';

export const EmbeddingGenerateNode = memo(function EmbeddingGenerateNode({ id, data, selected }: NodeProps<CanvasNode>) {
  return (
    <NodeCard id={id} nodeType={data.nodeType} label={data.label} selected={selected} accent={ACCENTS.embeddingGenerate} output={false}>
      <EmbeddingSummary config={data.config} />
    </NodeCard>
  );
});
