import type { ColumnKind } from './walk-model.ts';

/**
 * One colour per table kind, shared by the walk diagram and the DMA-address bit bar so a slice
 * of the address and the table it indexes match. Every coloured thing also carries its name in
 * text: colour is never the only signal.
 */
export const KIND_COLOUR: Readonly<Record<ColumnKind | 'offset', string>> = {
  device: '#4a5568',
  unit: '#4a5568',
  root: '#7b3fb3',
  context: '#0f7c80',
  pml5: '#7a4f10',
  pml4: '#2456c7',
  pdpt: '#1d7a3c',
  pd: '#a04d00',
  pt: '#b0164f',
  offset: '#5a6070',
  page: '#1d7a3c',
  memory: '#1d7a3c',
  fault: '#b3261e',
  interrupt: '#6d4c41',
};
