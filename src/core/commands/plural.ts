/** "1 item" / "2 items": a count with its noun; `many` for irregular plurals ("story", "stories"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
