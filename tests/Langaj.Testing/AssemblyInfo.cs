namespace Langaj.Testing;
