import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSecrets, gatedPatterns, mayHoldSecrets, readsAsWritten } from './secrets.ts';
import { harmlessLookalikes, secretSpellings } from './secrets.corpus.ts';

/** What the customer sees highlighted: the kind and the exact text. */
const highlighted = (text: string) => findSecrets(text).map((r) => [r.kind, text.slice(r.start, r.end)]);

describe('secrets: passwords', () => {
  it('highlights a password given after "senha:"', () => {
    expect(highlighted('Meu usuário é joao e a senha: abc123')).toEqual([['password', 'abc123']]);
    expect(findSecrets('senha: abc123')).toEqual([{ kind: 'password', start: 7, end: 13 }]);
  });

  it('highlights passwords written as a sentence in Portuguese, Italian and English', () => {
    expect(highlighted('Minha senha é Abc@2024, pode testar.')).toEqual([['password', 'Abc@2024']]);
    expect(highlighted('a senha do painel é jo4o1980')).toEqual([['password', 'jo4o1980']]);
    expect(highlighted('La mia password è pippo123.')).toEqual([['password', 'pippo123']]);
    expect(highlighted("la password è: 'Trentino!'")).toEqual([['password', 'Trentino!']]);
    expect(highlighted('my password is Summer2024!')).toEqual([['password', 'Summer2024!']]);
  });

  it('highlights passwords in configuration and form-like pastes', () => {
    expect(highlighted('password=hunter2')).toEqual([['password', 'hunter2']]);
    expect(highlighted('pass: s3cr3t')).toEqual([['password', 's3cr3t']]);
    expect(highlighted('pwd=xyz')).toEqual([['password', 'xyz']]);
    expect(highlighted("define('DB_PASSWORD', 'x'); DB_PASSWORD=Xyz789")).toEqual([['password', 'Xyz789']]);
    expect(highlighted('{"user": "admin", "password": "correct horse"}')).toEqual([['password', 'correct horse']]);
    expect(highlighted('Password: correcthorse')).toEqual([['password', 'correcthorse']]);
    expect(highlighted('Usuário: joao Senha: pitanga Domínio: loja.com.br')).toEqual([['password', 'pitanga']]);
    expect(highlighted('senha do painel: minhasenha\nobrigado')).toEqual([['password', 'minhasenha']]);
  });

  it('highlights the spellings that slipped through: a dash, "pw", spelled-out labels, "login user / password"', () => {
    expect(highlighted('password - Winter#2025')).toEqual([['password', 'Winter#2025']]);
    expect(highlighted('Senha – Pao2024queijo')).toEqual([['password', 'Pao2024queijo']]);
    expect(highlighted('my pw is hunter22')).toEqual([['password', 'hunter22']]);
    expect(highlighted('p a s s w o r d: Autumn99')).toEqual([['password', 'Autumn99']]);
    expect(highlighted('s.e.n.h.a: Tapioca99')).toEqual([['password', 'Tapioca99']]);
    expect(highlighted('login admin / Spring2024')).toEqual([['password', 'Spring2024']]);
    expect(highlighted('tentei com a senha Girassol2024 e não entrou')).toEqual([['password', 'Girassol2024']]);
    expect(highlighted("define('DB_PASSWORD', 'Wp#2025pass');")).toEqual([['password', 'Wp#2025pass']]);
    expect(highlighted('mysql -u root -pS3nhaForte loja')).toEqual([['password', 'S3nhaForte']]);
  });

  it('highlights the password in a URL, keeping the user and host readable', () => {
    expect(highlighted('DATABASE_URL=mysql://root:pass@localhost/shop')).toEqual([['password', 'pass']]);
    expect(highlighted('staging: https://user:Secr3t@staging.example.com')).toEqual([['password', 'Secr3t']]);
    expect(highlighted('https://user@example.com and http://[2001:db8::1]:8080/')).toEqual([]);
  });

  it('does not flag sentences about passwords that give none', () => {
    for (const text of [
      'esqueci minha senha',
      'Esqueci minha senha e não consigo entrar no webmail',
      'ho dimenticato la password',
      'reset password link not arriving',
      'Password reset link: not arriving since Monday',
      'Minha senha é inválida, segundo o Outlook',
      'la password è sbagliata?',
      'Senha: esqueci',
      'Senha: ********',
      'Senha: <sua senha aqui>',
      'Quero trocar a senha do e-mail contato@loja.com.br',
      'my password is 12 characters long',
      "I can't pass the test: it fails",
      'A senha e o usuário estão corretos, mas dá erro 535',
    ])
      expect(highlighted(text), text).toEqual([]);
  });
});

describe('secrets: private keys', () => {
  it('highlights a whole private key block', () => {
    const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1\n-----END RSA PRIVATE KEY-----';
    expect(highlighted(`Segue a chave:\n${key}\nobrigado`)).toEqual([['private-key', key]]);
    const openssh = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----';
    expect(highlighted(openssh)).toEqual([['private-key', openssh]]);
  });

  it('highlights a truncated key up to the end of the text', () => {
    expect(highlighted('-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq')).toEqual([
      ['private-key', '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq'],
    ]);
  });

  it('does not flag a public key or a certificate', () => {
    expect(highlighted('-----BEGIN CERTIFICATE-----\nMIID\n-----END CERTIFICATE-----')).toEqual([]);
    expect(highlighted('-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----')).toEqual([]);
  });
});

describe('secrets: API tokens', () => {
  it('highlights well-known token formats', () => {
    const tokens = [
      `glpat-${'aB3'.repeat(7)}`,
      `npm_${'aB3d'.repeat(9)}`,
      `dop_v1_${'0f'.repeat(32)}`,
      'sk_live_51HxYzAbCdEfGhIjKlMnOpQr',
      'ghp_1234567890abcdefghijklmnopqrstuvwxyz',
      'xoxb-1234567890-abcdefghij',
      'AKIAIOSFODNN7EXAMPLE',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    ];
    for (const token of tokens) expect(highlighted(`o erro mostra ${token} no log`), token).toEqual([['token', token]]);
  });

  it('highlights a key labelled as an API key, but not the label', () => {
    expect(highlighted('api_key: 9f8e7d6c5b4a39281716')).toEqual([['token', '9f8e7d6c5b4a39281716']]);
    expect(highlighted('Authorization: Bearer abcdef0123456789abcdef')).toEqual([['token', 'abcdef0123456789abcdef']]);
  });

  it('does not flag publishable keys or words after "api key"', () => {
    expect(highlighted('pk_live_51HxYzAbCdEfGhIjKlMnOpQr')).toEqual([]);
    expect(highlighted('api_key = required_in_settings')).toEqual([]);
    expect(highlighted('onde encontro minha API key?')).toEqual([]);
  });

  it('reports a token given as a password once', () => {
    expect(highlighted('password=sk_live_51HxYzAbCdEfGhIjKlMnOpQr')).toEqual([['token', 'sk_live_51HxYzAbCdEfGhIjKlMnOpQr']]);
  });
});

describe('secrets: card numbers', () => {
  it('highlights card numbers that pass the Luhn check, however they are grouped', () => {
    expect(highlighted('cartão 4111 1111 1111 1111.')).toEqual([['card', '4111 1111 1111 1111']]);
    expect(highlighted('carta 4111-1111-1111-1111')).toEqual([['card', '4111-1111-1111-1111']]);
    expect(highlighted('5555555555554444')).toEqual([['card', '5555555555554444']]);
    expect(highlighted('Amex 3782 822463 10005')).toEqual([['card', '3782 822463 10005']]);
  });

  it('highlights card numbers written with dots, no-break or zero-width spaces, or full-width digits', () => {
    expect(highlighted('cartão 5555.5555.5555.4444 venc. 09/28')).toEqual([['card', '5555.5555.5555.4444']]);
    expect(highlighted('4111\u00a01111\u00a01111\u00a01111')).toEqual([['card', '4111\u00a01111\u00a01111\u00a01111']]);
    // The range covers the invisible characters too: removing it leaves no digit behind.
    expect(highlighted('carta 4111\u200b1111\u200b1111\u200b1111!')).toEqual([['card', '4111\u200b1111\u200b1111\u200b1111']]);
    expect(highlighted('cartão ４１１１ １１１１ １１１１ １１１１.')).toEqual([['card', '４１１１ １１１１ １１１１ １１１１']]);
  });

  it('does not flag numbers that fail the Luhn check', () => {
    expect(highlighted('4111 1111 1111 1112')).toEqual([]);
    expect(highlighted('Pedido 4234567890123457')).toEqual([]);
  });

  it('does not flag ticket numbers, phone numbers, dates, IPs or document numbers', () => {
    for (const text of [
      'Chamado BR-4111111111111111',
      'ticket #4111111111111111',
      'Ligue +55 11 98765-4321 ou (11) 3456-7890',
      'tel. 0039 06 4111 1111 1111',
      'Desde 2026-11-20 10:30, IP 192.168.100.200',
      'CNPJ 12.345.678/0001-95',
      'timestamp 1763650000123',
    ])
      expect(highlighted(text), text).toEqual([]);
  });

  it('does not flag a valid card number hidden in a longer digit run', () => {
    expect(highlighted('código 41111111111111112222')).toEqual([]);
    expect(highlighted('4111 1111 1111 1111 2222 3333')).toEqual([]);
  });
});

describe('secrets', () => {
  it('finds nothing in an ordinary ticket', () => {
    expect(findSecrets('Os e-mails para contato@loja.com.br voltam com 550 5.1.1 desde 20/11 às 10:30.')).toEqual([]);
  });

  it('lists several secrets in the order they appear', () => {
    const text = 'senha: abc123\ncartão 4111 1111 1111 1111';
    expect(findSecrets(text).map((r) => r.kind)).toEqual(['password', 'card']);
  });
});

describe('secrets: text read as written, without normalizing it', () => {
  const invisible = /[\xad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
  const reference = (text: string) => text.normalize('NFKC') === text && !invisible.test(text);

  it('agrees with normalizing for every BMP character, alone and after a letter', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      expect(readsAsWritten(ch), `U+${c.toString(16)}`).toBe(reference(ch));
      expect(readsAsWritten(`c${ch}`), `c + U+${c.toString(16)}`).toBe(reference(`c${ch}`));
    }
  });

  it('still finds a card written with full-width digits or split by a zero-width space', () => {
    expect(readsAsWritten('cartão ４１１１ １１１１ １１１１ １１１１')).toBe(false);
    expect(findSecrets('cartão ４１１１ １１１１ １１１１ １１１１').map((r) => r.kind)).toEqual(['card']);
    expect(findSecrets('cartão 4111 1111\u200b 1111 1111').map((r) => r.kind)).toEqual(['card']);
  });
});

describe('secrets: the gates tested before the patterns', () => {
  /** Whether `pattern` matches anywhere in `text` (a fresh copy: the originals are global and keep lastIndex). */
  const matches = (pattern: RegExp, text: string) => new RegExp(pattern.source, pattern.flags.replace('g', '')).test(text);
  const gateMisses = (text: string) => gatedPatterns().filter(([pattern, gate]) => matches(pattern, text) && !gate.test(text));

  it('says a text may hold secrets whenever findSecrets finds one: in the corpus, and joined with other text', () => {
    for (const { text } of secretSpellings) {
      if (findSecrets(text).length === 0) continue;
      expect(mayHoldSecrets(text), text).toBe(true);
      expect(mayHoldSecrets(`O site caiu.\n${text}\nObrigada`), text).toBe(true);
    }
    expect(mayHoldSecrets('O painel admin não abre desde ontem, veja https://ajuda.nuvolo.example/pt-br/')).toBe(false);
  });

  it('lets through every corpus text a pattern matches', () => {
    for (const text of [...secretSpellings.map((s) => s.text), ...harmlessLookalikes]) expect(gateMisses(text), text).toEqual([]);
  });

  it('lets through every generated text a pattern matches: a gate only skips work, never a secret', () => {
    // Pieces of every pattern, in both cases and with the characters Unicode case folding maps to
    // ASCII ones (the Kelvin sign is a K, the long s an s), glued in any order.
    const pieces = [
      'senha', 'SENHA', 's e n h a', 's.e.n.h.a', 'password', 'PassWord', 'p a s s w o r d', 'paſſword', 'passwort', 'passwd', 'passphrase', 'palavra-passe',
      'pass', 'passos', 'Passos:', 'pwd', 'PW', 'pw2', 'login', 'acesso', 'creds', 'admin', 'root', 'api_key', 'apiKey', 'api\u212aey', 'secret-key', 'access_token', 'Bearer', 'bearer',
      'sk_live_', 'rk_test_', 'whsec_', 'ghp_', 'github_pat_', 'xoxb-', 'AKIA', 'AIza', 'sk-proj-', 'eyJ', '.eyJ', 'glpat-', 'npm_', 'SG.', 'dop_v1_',
      'xkeysib-', 'https://hooks.slack.com/services/', 'mysql', 'mysqldump', ' -p', 'https://', 'mysql://', 'user:', '@', '-----BEGIN ', 'RSA PRIVATE KEY',
      '-----', 'PuTTY-User-Key-File-2:', 'Private-MAC: ', ':', '=', '=>', ' - ', '→', ', ', '"', "'", ' ', '\t', '\n', '/', ' / ', ' é ', ' is ', ' do painel',
      '4111', '1111', '4111 1111 1111 1111', '378282246310005', '0123456789abcdef', 'Abc123XyZ789Qwe456', 'AbCdEfGhIjKlMnOpQrStUvWxYz012345', 'hunter2', 'Ab#2024x',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(gateMisses(text), text).toEqual([]);
        if (findSecrets(text).length) expect(mayHoldSecrets(text), text).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
