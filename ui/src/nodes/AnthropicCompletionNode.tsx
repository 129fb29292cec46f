import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CanvasNode } from '../graph/workflow';
import { NodeCard } from './NodeCard';
import { ModelSummary } from './summaries';

export const AnthropicCompletionNode = memo(function AnthropicCompletionNode({ id, data, selected }: NodeProps<CanvasNode>) {
  return (
    <NodeCard id={id} nodeType={data.nodeType} label={data.label} selected={selected} accent="#d97757">
      <ModelSummary config={data.config} />
    </NodeCard>
  );
});
