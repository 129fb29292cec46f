import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CanvasNode } from '../graph/workflow';
import { ACCENTS } from './accents';
import { NodeCard } from './NodeCard';


export const UnknownNode = memo(function UnknownNode({ id, data, selected }: NodeProps<CanvasNode>) {
  return (
    <NodeCard id={id} nodeType={data.nodeType} label={data.label} selected={selected} accent={ACCENTS.unknown} output={false}>
      <p className="node-line warn">Not in the registry: {data.nodeType}</p>
    </NodeCard>
  );
});
