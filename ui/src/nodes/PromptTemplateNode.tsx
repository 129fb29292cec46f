import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CanvasNode } from '../graph/workflow';
import { ACCENTS } from './accents';
import { NodeCard } from './NodeCard';
import { PromptSummary } from './summaries';

export const PromptTemplateNode = memo(function PromptTemplateNode({ id, data, selected }: NodeProps<CanvasNode>) {
  return (
    <NodeCard id={id} nodeType={data.nodeType} label={data.label} selected={selected} accent={ACCENTS.promptTemplate} output={false}>
      <PromptSummary config={data.config} />
    </NodeCard>
  );
});
