performance.mark('maillage:chiffres');
