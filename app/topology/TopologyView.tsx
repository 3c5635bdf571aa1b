import { useEffect } from 'react';
import { AcsTable } from './AcsTable.tsx';
import { GroupList } from './GroupList.tsx';
import { MachinePicker } from './MachinePicker.tsx';
import { P2pPanel } from './P2pPanel.tsx';
import { TopologyDiagram } from './TopologyDiagram.tsx';
import { initTopology } from './topology-actions.ts';
import { useTopologyStore } from './topology-store.ts';
import { VfioPanel } from './VfioPanel.tsx';
import './topology.css';

/** IOMMU groups, ACS and the peer-to-peer path: why a GPU won't pass through alone, and why NCCL hangs. */
export function TopologyView() {
  const error = useTopologyStore((s) => s.error);
  useEffect(() => {
    void initTopology();
  }, []);
  return (
    <div className="topology-view">
      <MachinePicker />
      {error !== undefined && (
        <p role="alert" className="engine-error">
          {error}
        </p>
      )}
      <TopologyDiagram />
      <div className="topology-row">
        <GroupList />
        <AcsTable />
      </div>
      <P2pPanel />
      <VfioPanel />
    </div>
  );
}
