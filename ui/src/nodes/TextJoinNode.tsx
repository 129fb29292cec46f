import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CanvasNode } from '../graph/workflow';
import { ACCENTS } from './accents';
import { NodeCard } from './NodeCard';

const shown = (s: string) => JSON.stringify(s).slice(1, -1);

export const TextJoinNode = memo(function TextJoinNode({ id, data, selected }: NodeProps<CanvasNode>) {
  const separator = typeof data.config.separator === 'string' ? data.config.separator : '\n\n';
  const prefix = typeof data.config.prefix === 'string' ? data.config.prefix : '';
  return (
    <NodeCard id={id} nodeType={data.nodeType} label={data.label} selected={selected} accent={ACCENTS.textJoin} output={false}>
      <p className="node-line">joined with “{shown(separator)}”{prefix ? `, each after “${shown(prefix)}”` : ''}</p>
    </NodeCard>
  );
});
