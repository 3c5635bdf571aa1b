export function TopologyView() {
  return (
    <section aria-labelledby="topology-heading">
      <h2 id="topology-heading">IOMMU groups</h2>
    </section>
  );
}
