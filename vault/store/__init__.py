"""The encrypted file and its life: the vault folder, header, Argon2id, the one SQLCipher
connection, the migration runner, the lock, backup and restore. It never imports a record
package (clients, notes, search); they build on it."""
