import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CanvasNode } from '../graph/workflow';
import { ACCENTS } from './accents';
import { NodeCard } from './NodeCard';
import { RouterSummary } from './summaries';

export const LlmRouterNode = memo(function LlmRouterNode({ id, data, selected }: NodeProps<CanvasNode>) {
  return (
    <NodeCard id={id} nodeType={data.nodeType} label={data.label} selected={selected} accent={ACCENTS.llmRouter}>
      <RouterSummary config={data.config} />
    </NodeCard>
  );
});
