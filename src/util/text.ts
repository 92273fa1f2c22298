// Text helpers in linear time. Regular expressions such as /\s*\n\s*/g or /\s+$/ retry at every
// character of a long run of spaces and take time quadratic in its length (a line with 200,000
// spaces: tens of seconds); these do the same work in one pass.

function isSpace(c: string): boolean {
  return c.trim() === ''
}

// Every line break with the white space around it becomes one space: what
// s.replace(/\s*\n\s*/g, ' ') gives, in linear time.
export function joinLines(s: string): string {
  if (!s.includes('\n')) return s
  let out = ''
  let from = 0
  for (let nl = s.indexOf('\n'); nl !== -1; nl = s.indexOf('\n', from)) {
    let a = nl
    while (a > from && isSpace(s.charAt(a - 1))) a--
    let b = nl + 1
    while (b < s.length && isSpace(s.charAt(b))) b++
    out += `${s.slice(from, a)} `
    from = b
  }
  return out + s.slice(from)
}

/** `s` split into its leading white space, its core and its trailing white space. */
export function splitSpace(s: string): [lead: string, core: string, trail: string] {
  let a = 0
  while (a < s.length && isSpace(s.charAt(a))) a++
  let b = s.length
  while (b > a && isSpace(s.charAt(b - 1))) b--
  return [s.slice(0, a), s.slice(a, b), s.slice(b)]
}
