// Test-only certificate and private key for the built-in local SMTP server, which listens on 127.0.0.1 only.
// The key is public (it ships in the extension), so this certificate proves nothing to anyone: it exists so that
// replay against the local server can keep TLS verification on by trusting exactly this certificate as its CA.
// CN=localhost, subjectAltName DNS:localhost, IP:127.0.0.1, valid 10 years; generated once with:
//   openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=localhost \
//     -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout key.pem -out cert.pem
// notBefore=Nov 28 15:56:50 2026 GMT
// notAfter=Nov 25 15:56:50 2036 GMT

export const localhostCertificatePem = `-----BEGIN CERTIFICATE-----
MIIDJTCCAg2gAwIBAgIUJr4TvaIa8MSlLv0vikH2n25PvrgwDQYJKoZIhvcNAQEL
BQAwFDESMBAGA1UEAwwJbG9jYWxob3N0MB4XDTI2MTEyODE1NTY1MFoXDTM2MTEy
NTE1NTY1MFowFDESMBAGA1UEAwwJbG9jYWxob3N0MIIBIjANBgkqhkiG9w0BAQEF
AAOCAQ8AMIIBCgKCAQEAoFqsXZhlghCO1O3JQTunQzaQXFEkyF7zqGLWT8yQNs0v
l+PwX1czfEAL0e/WtrUUGTucSUsIYMKxE1zDwaRpBUivytGzGPMmO5umG45DVt3H
vTrv0n+KvMLYBc5PK/Wum+GQkh8+J5Uw+G+dh/oJdrut90QA/Gwlo12ciOZ80yXn
n3bZAtJcIBVdqu+nDVT26P2+8ufHdswr+NtooAEelXrWqb3EAUoVNVmKPx+hb+NE
C35THJbg5ruDMufYLxle6X3TlchSNClEYkE8D3hOQlfWg1v6MZjmgR6ePH0m8Lf/
/Kv00jaWmVAhD2dQmx72aCc7YV+IWQsS00/aiYBcqwIDAQABo28wbTAdBgNVHQ4E
FgQUhEeTA2TMI7pmBVNpJ7N5K0Jz0JQwHwYDVR0jBBgwFoAUhEeTA2TMI7pmBVNp
J7N5K0Jz0JQwDwYDVR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SH
BH8AAAEwDQYJKoZIhvcNAQELBQADggEBAITziypvViEGd2BLsLWsk9nOxVq3O9en
mSQb1tERAK9bbO6DoEwG0pX7rBW4PQvxFp//i0AXVGM6/3fDeHMC6KXjlDWLVMZq
6eZHup3FNgym9HOGjk8Wfe9//XPNMWZamRfnNt6jxpeUylCPf+k91NO+Zo9jJdGp
HGrIJkFGCkefHSDspK5UeQQDqqeuRinZsKRhPD/EyAYQNjI5MM8zDNeAZ7W26MG4
n7UPz31YXlh6+oJmiVKcirKYuU3itUW4iV538F1n+Ynb9uc9kEfLExxSZzuw3PJS
vA2356g0STdtRXHMumS5XZjzcvDXZh351w2FoKL2HYu+Wit1qk5nSw8=
-----END CERTIFICATE-----
`;

export const localhostPrivateKeyPem = `-----BEGIN PRIVATE KEY-----
MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCgWqxdmGWCEI7U
7clBO6dDNpBcUSTIXvOoYtZPzJA2zS+X4/BfVzN8QAvR79a2tRQZO5xJSwhgwrET
XMPBpGkFSK/K0bMY8yY7m6YbjkNW3ce9Ou/Sf4q8wtgFzk8r9a6b4ZCSHz4nlTD4
b52H+gl2u633RAD8bCWjXZyI5nzTJeefdtkC0lwgFV2q76cNVPbo/b7y58d2zCv4
22igAR6VetapvcQBShU1WYo/H6Fv40QLflMcluDmu4My59gvGV7pfdOVyFI0KURi
QTwPeE5CV9aDW/oxmOaBHp48fSbwt//8q/TSNpaZUCEPZ1CbHvZoJzthX4hZCxLT
T9qJgFyrAgMBAAECggEADtAReBvp1Jf++cB1hOcjzlut/jkosrHCxF1M+tYkxEs0
CE3wGH6PrPylmuES7pHPp30QNN0PixCxFt7M3oh3gxtx0cSJTNa5Q2xfbdA4fD/E
gcB+Au3xPPqqxe6G9cKePJwbpMPqE/H+MhTtcnAwi51Otra7eJXs7Chrm2HfSgni
zQ62htlzqc2sJxZV9Sz6TA54E7V7vUIEeCKvA4ANn4SVYjsrHJi/Tmu3yTFbGclQ
B5cyRELxr7T3AmhVX0FFx5LJFVXs2qwTmYZ22MfV+6ipEmGV2OTreavjP5o+KpyP
nq1ORhYAR1FnKHYon6NHy8QkZBm8PXHQOwuV1DTyQQKBgQDbOQhbnsTm4bfK1r9C
CvTl1YqJ0U/+ymS7dvYcesslMyxbZA4fZyOpei6UiWa7US4OCdxZSD5pUxdMHr/C
jNkI9YGDFBaWfR7snfdcJM+Y6xXp1Asa3Tcv33FErbT/J3s+wnCAmkKyHkY3AwDV
3AUOhIPY1h6IpPgRX55LYVdR8QKBgQC7QWjXTz+sE/A5PBuLre7DJCm1a3FpVEpG
C7MY+K5F2vt6ZFzKPygII+jQzEE3g8EPEKJ9Rw8PhoFXU8hbrU2R4QR9fnAY42bE
zBEGxGdNQPzh/BRkw6VwqlSYP042S97esNkOa1xohs7HNd6cVItXT6O3cbUvxmyU
0y7xWp38WwKBgDKkxk2ELDC6TF9LpPt41IKUBmE4Paa60vKL1OdXZr69R64FO039
4bsxQrmF1HnJkz4jAQiPK/vg+izXna0wJKNxM+44Ic+6L/6xr4dV6a+F/5X5KmeW
Wz1v/RbEml+nm00wVhUfjfDgFZB33SWKopBsBJl/PaaLldNNp5/6aNXBAoGAWk/Z
uL5H/z4+hdwvjNZ+aS9vzkfbkulMSSwrXMfThW1wDD+LYR/EtuhayRk5+wRYgGON
es5ivSIqD2whHdYfq1PTTpNEjTxfvFqPe6wOBnxperSRQWf6yrPbyPH/TsCY5N52
UTYGg4NBB2M70joUWi/WzgrRUBFrHPwdj9ociDECgYARcD6F/RDZjIcJ4N19QXG7
JpHEsu5dlYgrvnqg0y9HDxfq/yjM0CeEbgph2R2Fg/pXTABa9cGh4YdPTEJGQ08F
vcBQANpb3JxUSN6DN044i6Iu0UtS/kMRbTCmxSuvYTGUy+x5AVc/MNZpp6ID1Ktm
/954N7F3psjyBqSvKG5lYg==
-----END PRIVATE KEY-----
`;
