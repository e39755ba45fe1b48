/**
 * How customers really paste secrets into tickets, and what only looks like one. The secret finder is
 * measured against both lists (secrets.corpus.test.ts): a detector tuned on single examples either
 * misses spellings or starts flagging error codes, and only a corpus shows which. Every value here
 * is made up; the shapes are the ones seen in pt-BR, Italian and English hosting tickets.
 */

export interface SecretSpelling {
  lang: 'pt' | 'it' | 'en';
  /** The text as the customer wrote it. */
  text: string;
  /** The part that must be hidden (it must lie inside what the finder reports). */
  secret: string;
}

const spelling = (lang: SecretSpelling['lang'], text: string, secret: string): SecretSpelling => ({ lang, text, secret });

// Values built at run time, so the source holds no string a secret scanner would stop a push for.
const hex = (n: number, seed = 7) => Array.from({ length: n }, (_, i) => '0123456789abcdef'[(i * seed + 3) % 16]).join('');
const alnum = (n: number, seed = 11) =>
  Array.from({ length: n }, (_, i) => 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789aBcDeFgHiJkL'[(i * seed + 5) % 48]).join('');

const stripe = `sk_live_${alnum(24)}`;
const github = `ghp_${alnum(36, 13)}`;
const gitlab = `glpat-${alnum(20, 17)}`;
const npm = `npm_${alnum(36, 19)}`;
const sendgrid = `SG.${alnum(22, 23)}.${alnum(43, 29)}`;
const slackBot = `xoxb-2418${hex(8)}-${alnum(24, 31)}`;
const slackHook = `https://hooks.slack.com/services/T0${alnum(8, 37).toUpperCase()}/B0${alnum(8, 41).toUpperCase()}/${alnum(24, 43)}`;
const aws = `AKIA${alnum(16, 47).toUpperCase()}`;
const google = `AIza${alnum(35, 5)}`;
const digitalOcean = `dop_v1_${hex(64)}`;
const brevo = `xkeysib-${hex(64, 5)}-${alnum(16, 7)}`;
const openai = `sk-proj-${alnum(40, 13)}`;
const jwt = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${alnum(43, 17)}`;
const sshKey = `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n${alnum(60)}\n-----END OPENSSH PRIVATE KEY-----`;
const webhookSecret = `whsec_${alnum(32, 19)}`;

export const secretSpellings: SecretSpelling[] = [
  // pt-BR: passwords
  spelling('pt', 'Minha senha é Abc@2024, pode testar.', 'Abc@2024'),
  spelling('pt', 'senha: pitanga123', 'pitanga123'),
  spelling('pt', 'Senha do cPanel: Jabuticaba#77', 'Jabuticaba#77'),
  spelling('pt', 'a senha do painel é jo4o1980', 'jo4o1980'),
  spelling('pt', 'usuário: joao senha: Mudar@123', 'Mudar@123'),
  spelling('pt', 'acessei com login admin / Padaria2024! e deu erro', 'Padaria2024!'),
  spelling('pt', 'Senha - Pao2024queijo', 'Pao2024queijo'),
  spelling('pt', 's e n h a: Tapioca99', 'Tapioca99'),
  spelling('pt', 'SENHA=Brasil#2026', 'Brasil#2026'),
  spelling('pt', 'segue a senha do FTP: ftpLoja!2025', 'ftpLoja!2025'),
  spelling('pt', 'a senha que usei foi Cafe@1234 e não entrou', 'Cafe@1234'),
  spelling('pt', 'minha senha atual é "sol e mar 22"', 'sol e mar 22'),
  spelling('pt', 'palavra-passe: Lisboa!2024', 'Lisboa!2024'),
  spelling('pt', 'senha provisória: Tmp-8842xk', 'Tmp-8842xk'),
  spelling('pt', 'tentei com a senha Girassol2024 e não entrou', 'Girassol2024'),
  spelling('pt', 'senha -> Acai2024', 'Acai2024'),
  spelling('pt', 'minha senha é 84736251', '84736251'),
  spelling('pt', 'senha do e-mail contato@loja.com.br: Contato#2025', 'Contato#2025'),
  spelling('pt', 'Usuário padaria\nSenha Pad@ria2025', 'Pad@ria2025'),
  spelling('pt', 'o acesso é admin / Jambu#2026', 'Jambu#2026'),
  // pt-BR: cards, URLs, commands
  spelling('pt', 'Cartão 4111 1111 1111 1111 para a cobrança', '4111 1111 1111 1111'),
  spelling('pt', 'cartão 5555.5555.5555.4444 venc. 09/28', '5555.5555.5555.4444'),
  spelling('pt', 'número do cartão: 4111\u00a01111\u00a01111\u00a01111', '4111\u00a01111\u00a01111\u00a01111'),
  spelling('pt', 'cartão ４１１１ １１１１ １１１１ １１１１', '４１１１ １１１１ １１１１ １１１１'),
  spelling('pt', 'cobrar no cartão 4111\u200b1111\u200b1111\u200b1111', '4111\u200b1111\u200b1111\u200b1111'),
  spelling('pt', 'rodei mysql -u root -pS3nhaForte loja e deu erro', 'S3nhaForte'),
  spelling('pt', 'acesso ftp://loja:Ftp#2025@ftp.loja.com.br', 'Ftp#2025'),
  spelling('pt', `o webhook do Stripe usa ${webhookSecret}`, webhookSecret),

  // it: passwords
  spelling('it', 'La mia password è Pippo123.', 'Pippo123'),
  spelling('it', 'password: Tramonto!88', 'Tramonto!88'),
  spelling('it', "la password dell'FTP è Vesuvio2024", 'Vesuvio2024'),
  spelling('it', 'pwd: gelato77', 'gelato77'),
  spelling('it', 'la pw è Ciao!2025', 'Ciao!2025'),
  spelling('it', 'utente admin password Roma#2024', 'Roma#2024'),
  spelling('it', 'Password per il database: Db_Pass_2025', 'Db_Pass_2025'),
  spelling('it', 'credenziali: admin / Milano2026!', 'Milano2026!'),
  spelling('it', 'p.a.s.s.w.o.r.d: Firenze99', 'Firenze99'),
  spelling('it', 'la password che mi avete mandato è Lago2025', 'Lago2025'),
  spelling('it', 'PASSWORD = "Trentino!"', 'Trentino!'),
  spelling('it', 'la password del wp-admin: Admin2025!', 'Admin2025!'),
  spelling('it', 'Password – Bolzano2024', 'Bolzano2024'),
  spelling('it', 'la password è: Dolomiti_77', 'Dolomiti_77'),
  // it: cards, URLs, tokens
  spelling('it', 'carta 4111-1111-1111-1111 scad. 12/27', '4111-1111-1111-1111'),
  spelling('it', 'carta di credito 5555 5555 5555 4444', '5555 5555 5555 4444'),
  spelling('it', 'carta American Express 3782 822463 10005', '3782 822463 10005'),
  spelling('it', 'wp-config punta a mysql://root:Segreto2025@localhost:3306/wp', 'Segreto2025'),
  spelling('it', `chiave API: ${stripe}`, stripe),
  spelling('it', `il token di GitLab è ${gitlab}`, gitlab),
  spelling('it', `Brevo mi dà errore con la chiave ${brevo}`, brevo),

  // en: passwords
  spelling('en', 'my password is Summer2024!', 'Summer2024!'),
  spelling('en', 'my pw is hunter22', 'hunter22'),
  spelling('en', 'password - Winter#2025', 'Winter#2025'),
  spelling('en', 'p a s s w o r d: Autumn99', 'Autumn99'),
  spelling('en', 'login admin / Spring2024', 'Spring2024'),
  spelling('en', 'the password for cpanel is Cpanel#2025', 'Cpanel#2025'),
  spelling('en', 'pass: s3cr3t', 's3cr3t'),
  spelling('en', 'password:Tight2025', 'Tight2025'),
  spelling('en', 'user: bob, pw: Bobby2025', 'Bobby2025'),
  spelling('en', 'root password is toor1234', 'toor1234'),
  spelling('en', 'creds are admin/P@ssw0rd', 'P@ssw0rd'),
  spelling('en', 'DB_PASSWORD=Xyz789abc', 'Xyz789abc'),
  spelling('en', "define('DB_PASSWORD', 'Wp#2025pass');", 'Wp#2025pass'),
  spelling('en', "'password' => 'Laravel2025!',", 'Laravel2025!'),
  spelling('en', 'wp db export --password=CliPass123', 'CliPass123'),
  spelling('en', 'export MYSQL_PWD=Env2025pass', 'Env2025pass'),
  // en: credentials in URLs
  spelling('en', 'DATABASE_URL is mysql://root:pass@localhost/shop', 'pass'),
  spelling('en', 'staging is at https://user:Secr3t@staging.example.com', 'Secr3t'),
  spelling('en', 'SMTP_URL=smtp://mailer:Smtp2025pass@mail.example.com:587', 'Smtp2025pass'),
  spelling('en', 'cache: redis://:RedisPass2025@cache.example.com:6379', 'RedisPass2025'),
  // en: tokens and keys
  spelling('en', `the deploy uses ${github}`, github),
  spelling('en', `.npmrc has //registry.npmjs.org/:_authToken=${npm}`, npm),
  spelling('en', `SENDGRID_API_KEY=${sendgrid}`, sendgrid),
  spelling('en', `slack bot token ${slackBot}`, slackBot),
  spelling('en', `alerts go to ${slackHook}`, slackHook),
  spelling('en', `aws_access_key_id = ${aws}`, aws),
  spelling('en', `maps key ${google}`, google),
  spelling('en', `DigitalOcean token: ${digitalOcean}`, digitalOcean),
  spelling('en', `OPENAI_API_KEY=${openai}`, openai),
  spelling('en', `Authorization: Bearer ${jwt}`, jwt),
  spelling('en', `here is my key:\n${sshKey}`, sshKey),
  spelling('en', 'api_key: 9f8e7d6c5b4a39281716', '9f8e7d6c5b4a39281716'),
  spelling('en', 'card 4111111111111111 exp 12/27', '4111111111111111'),
];

/** Harmless text that looks like a secret to a careless pattern: none of it may be highlighted. */
export const harmlessLookalikes: string[] = [
  // error codes and server messages
  '550 5.1.1 <vendas@loja.com.br>: Recipient address rejected: User unknown',
  '554 5.7.1 Service unavailable; Client host [203.0.113.7] blocked using zen.spamhaus.org',
  '421 4.7.0 Try again later, closing connection',
  'Senha incorreta (erro 535 5.7.8 Authentication failed)',
  'SQLSTATE[HY000] [2002] Connection refused',
  'Erro HY000/2002: No such file or directory',
  'ERROR 1045 (28000): Access denied for user root@localhost (using password: YES)',
  "Access denied for user 'wp'@'localhost' (using password: NO)",
  'Error code 0x80070005',
  'HTTP 503 Service Unavailable',
  'connect() failed (111: Connection refused) while connecting to upstream',
  'errno -111 ECONNREFUSED 127.0.0.1:3306',
  'PHP Fatal error: Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes)',
  'exit code 137 (OOMKilled)',
  'Cloudflare Ray ID: 8a1b2c3d4e5f6a7b',
  'request id 7f3e2a1b-9c4d-4e5f-8a6b-1c2d3e4f5a6b',
  'NET::ERR_CERT_DATE_INVALID desde 20/11/2026 10:30',
  'DNS_PROBE_FINISHED_NXDOMAIN',
  'Errore 500 Internal Server Error dalle 14:05',
  'ERR_TOO_MANY_REDIRECTS no wp-admin',
  // hashes and ids
  'commit 9f8e7d6c5b4a39281716aabbccddeeff00112233',
  'git checkout a1b2c3d',
  'sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'md5 do arquivo: d41d8cd98f00b204e9800998ecf8427e',
  'Backup ID 2026-11-20_0300_full',
  'container id 3f4e5d6c7b8a',
  'session 5f2b8c1d9e3a4f6b',
  // orders, invoices, tracking
  'Pedido #123456789',
  'Pedido número 4234567890123457',
  'Fatura 2026/000123 venceu ontem',
  'Fattura n. 2025/FE/00123 del 12/11',
  'Fattura FT-2025-00042 non pagata',
  'riferimento ordine 1000234567',
  'Nota fiscal 35251112345678000190550010000012341000012345',
  'Boleto 34191.79001 01043.510047 91020.150008 8 92340000026000',
  'linha digitável 23793.38128 60000.000003 00000.000400 1 84340000010000',
  'Invoice INV-2026-00871, reference 2026-11-0042',
  'Rastreio BR123456789BR',
  'tracking LB123456789IT',
  'UPS 1Z999AA10123456784',
  'USPS 9400111899223197428490',
  'Codice spedizione 0038 2761 4455 6677',
  'Ticket #BR-000123 ainda sem resposta',
  'Chamado BR-4111111111111111',
  'ticket #4111111111111111',
  'IBAN IT60 X054 2811 1010 0000 0123 456',
  'CNPJ 12.345.678/0001-95',
  'CPF 123.456.789-09',
  'Codice fiscale RSSMRA85T10A562S',
  'Partita IVA 01234567890',
  // versions
  'PHP 8.2.12',
  'WordPress 6.4.2 com WooCommerce 8.3.1',
  'MySQL 8.0.35-0ubuntu0.22.04.1',
  'Node v20.11.1',
  'cPanel 11.110.0.15',
  'Plesk Obsidian 18.0.57 Update #5',
  'OpenSSL 3.0.2 15 Mar 2022',
  'versão 1.2.3-beta.4+build.5678',
  'Roundcube 1.6.5, Dovecot 2.3.16',
  // numbers, addresses, dates
  'IP 192.168.100.200 e 10.0.0.12',
  'IPv6 2001:db8::1',
  'Ligue +55 11 98765-4321 ou (11) 3456-7890',
  'tel. 0039 06 4111 1111 1111',
  'Desde 2026-11-20 10:30',
  'timestamp 1763650000123',
  '2026-11-20T10:30:00.000Z',
  'porta 3306, PID 48213',
  'disco 98% usado, 47185920 blocos',
  'inode 1234567890123',
  // URLs without credentials
  'https://loja.com.br/wp-admin/',
  'o painel https://user@example.com não abre',
  'ftp://ftp.loja.com.br:21',
  'mysql://localhost:3306/wp',
  'https://www.example.com/?page=2&utm_source=newsletter',
  'http://[2001:db8::1]:8080/status',
  'https://example.com:8443/login',
  'mailto:joao@loja.com.br',
  'https://ajuda.nuvolo.example/pt-br/email/erro-550-destinatario-rejeitado/',
  // public keys and DNS records
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl joao@laptop',
  '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa\n-----END CERTIFICATE-----',
  'default._domainkey TXT v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA',
  'v=spf1 include:_spf.google.com ~all',
  'pk_live_51HxYzAbCdEfGhIjKlMnOpQr',
  // sentences about passwords and logins that give none
  'esqueci minha senha',
  'Esqueci minha senha e não consigo entrar no webmail',
  'a senha do e-mail não funciona desde ontem',
  'Quero trocar a senha do e-mail contato@loja.com.br',
  'A senha precisa ter 8 caracteres?',
  'Senha: esqueci',
  'Senha: ********',
  'Senha: <sua senha aqui>',
  'senha - esqueci',
  'A senha e o usuário estão corretos, mas dá erro 535',
  'usuário: padaria',
  'login admin / painel não abre',
  'login / logout não funciona no celular',
  'passo 1: abrir o painel',
  'ho dimenticato la password',
  'la password è sbagliata?',
  'ho cambiato la password ieri sera',
  'la password deve avere almeno 8 caratteri',
  'passo successivo: riavviare il server',
  'utente: mario.rossi',
  'reset password link not arriving',
  'Password reset link: not arriving since Monday',
  'password - reset link expired',
  'the password field is empty',
  'my password is 12 characters long',
  'Password policy: min 12 characters',
  "I can't pass the test: it fails",
  'Two-factor code expired',
  'where do I find my API key?',
  'api_key = required_in_settings',
  'Bearer token missing in the request',
  'login: admin',
  'login: admin / senha: a mesma do FTP',
  'Password: same as the FTP one',
  'senha: ver anexo',
  'password is: see ticket #123',
  'my password is not working since the update',
  'the pw is 8+ chars',
  'pw: n/a',
  'SSL check - pass: 12/15 tests',
  'o erro diz "invalid password" (code 535)',
  'set DB_PASSWORD in the .env file',
  'DB_PASSWORD=${DB_PASS}',
  'a senha Wi-Fi do escritório mudou',
  'password 2-factor authentication is on',
  'Senha\nEsqueci, podem resetar?',
  'PASSWORD RESET 2024 não chegou',
  'la password PEC non funziona',
  // paths, commands and URLs with slashes and colons
  'admin/index.php retorna 404',
  'root/.ssh/authorized_keys sumiu',
  'root / 2024-11-20 backup',
  'login admin/painel abre em branco',
  'scp -P 2222 arquivo.zip root@host:/tmp',
  'ssh -p2222 root@203.0.113.7',
  'mysql -u root -p loja < backup.sql',
  'mysql -h 127.0.0.1 -P3306 -u root',
  'git@github.com:loja/site.git',
  'ssh://git@github.com:22/loja/site.git',
  'https://web.archive.org/web/2024/https://x.com/@loja',
  'Visa final 1111, vencimento 09/28',
  '203.0.113.7 - - [20/Nov/2026:10:30:15 -0300] "GET /wp-admin/ HTTP/1.1" 302 0 "-" "Mozilla/5.0"',
  '"POST /wp-login.php HTTP/1.1" 200 4521',
  'GET /admin/ HTTP/2 403',
  '2026/11/20 10:30:15 [error] 1234#0: *5678 connect() failed (111: Connection refused), request: "GET /painel/ HTTP/1.1"',
  'ERROR 2002 (HY000): Can\'t connect to local MySQL server through socket',
  'SMTP AUTH failed for vendas@loja.com.br',
];
