/** The page's composition root (placeholder until the panels land). */
export function App() {
  return (
    <main>
      <h1 data-testid="app-title">Unrolled</h1>
      <p>Watch a recurrent network learn.</p>
    </main>
  );
}
