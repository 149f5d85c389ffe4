/**
 * Password rules (QUALITY.md): 8–64 characters, not a commonly used password, not the user name;
 * the optional MLPS 2.0 mode also asks for three of four character classes.
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 64;

// The most common passwords of public breach lists, including those popular in China.
const COMMON_PASSWORDS = new Set(
  `123456 12345678 123456789 1234567890 password password1 password123 qwerty qwerty123 qwertyuiop
  11111111 00000000 88888888 66666666 12341234 abc12345 abcd1234 a1234567 a12345678 aa123456 a123456789
  1qaz2wsx 1q2w3e4r 1q2w3e4r5t zxcvbnm123 iloveyou woaini1314 woaini520 5201314520 13145200 52013145
  admin123 admin1234 administrator root1234 test1234 welcome1 welcome123 letmein1 changeme passw0rd
  p@ssw0rd p@ssword abc123456 asdfghjkl asdf1234 zxcvbnm1 superman 1234qwer qwer1234 1234abcd
  11223344 12344321 123123123 147258369 987654321 123qweasd qweasdzxc 1qazxsw2 zaq12wsx 1234567a
  sunshine princess football baseball dragon123 monkey123 shadow123 master123 michael1 jennifer
  houbei123 houbei2026 12345678a 123456aa 123456abc 123abc123 aaaaaaaa 12121212 10101010 20202020
  q1w2e3r4 q1w2e3r4t5 computer internet trustno1 starwars whatever1 freedom1 hello123 hello1234`
    .split(/\s+/)
    .filter(Boolean),
);

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_username' | 'not_complex';

/** Returns the rules a candidate password breaks (empty when it is acceptable). */
export function checkPassword(
  candidate: string,
  options: { username?: string; mlps?: boolean } = {},
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...candidate].length;
  if (length < PASSWORD_MIN) problems.push('too_short');
  if (length > PASSWORD_MAX) problems.push('too_long');
  if (COMMON_PASSWORDS.has(candidate.toLowerCase())) problems.push('common');
  const username = options.username?.toLowerCase();
  if (username && username.length >= 3 && candidate.toLowerCase().includes(username)) {
    problems.push('contains_username');
  }
  if (options.mlps) {
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(candidate)).length;
    if (classes < 3) problems.push('not_complex');
  }
  return problems;
}

/** Human-readable messages for each problem, in both UI languages. */
export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, { zh: string; en: string }> = {
  too_short: { zh: `密码至少 ${PASSWORD_MIN} 位`, en: `At least ${PASSWORD_MIN} characters` },
  too_long: { zh: `密码最多 ${PASSWORD_MAX} 位`, en: `At most ${PASSWORD_MAX} characters` },
  common: { zh: '这是常见密码，容易被猜中', en: 'This password is too common' },
  contains_username: { zh: '密码不能包含用户名', en: 'The password must not contain the user name' },
  not_complex: {
    zh: '需包含大写字母、小写字母、数字、符号中的至少三类',
    en: 'Use three of: upper case, lower case, digits, symbols',
  },
};
