import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CanvasNode } from '../graph/workflow';
import { ACCENTS } from './accents';
import { NodeCard } from './NodeCard';


export const StreamResponseNode = memo(function StreamResponseNode({ id, data, selected }: NodeProps<CanvasNode>) {
  return (
    <NodeCard id={id} nodeType={data.nodeType} label={data.label} selected={selected} accent={ACCENTS.streamResponse}>
      <p className="node-line">Answer stream</p>
    </NodeCard>
  );
});
