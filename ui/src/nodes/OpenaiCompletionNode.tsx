import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CanvasNode } from '../graph/workflow';
import { NodeCard } from './NodeCard';
import { ModelSummary } from './summaries';

export const OpenaiCompletionNode = memo(function OpenaiCompletionNode({ id, data, selected }: NodeProps<CanvasNode>) {
  return (
    <NodeCard id={id} nodeType={data.nodeType} label={data.label} selected={selected} accent="#10a37f">
      <ModelSummary config={data.config} />
    </NodeCard>
  );
});
